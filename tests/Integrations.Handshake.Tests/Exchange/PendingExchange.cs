using Integrations.Handshake.Tests.Support;
using Integrations.Model;

namespace Integrations.Handshake.Tests.Exchange;

/// <summary>An integration whose credentials were just posted to a third party that has not called back yet.</summary>
internal sealed record PendingExchange(Integration Integration, string ConsumerKey, string ConsumerSecret, string Verifier)
{
    public static async Task<PendingExchange> StartAsync(HandshakeFixture fixture, ThirdPartyListener thirdParty, string name = "Acme ERP")
    {
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl, name: name);
        var activated = await fixture.ActivateAsync(created.Id);
        var post = thirdParty.Received.Last(p => p["oauth_consumer_key"] == created.ConsumerKey);
        return new PendingExchange(activated.Integration, post["oauth_consumer_key"], post["oauth_consumer_secret"], post["oauth_verifier"]);
    }
}
