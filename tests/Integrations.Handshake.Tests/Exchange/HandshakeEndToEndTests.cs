using Integrations.Handshake.Tests.Support;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.OAuth;

namespace Integrations.Handshake.Tests.Exchange;

/// <summary>
/// The whole onboarding of a Magento third party: the admin clicks Allow, the third party (a real HTTP listener on
/// 127.0.0.1) receives the credentials POST and, from inside its handler, asks for the request token, exchanges it
/// with the verifier for the access token, and then calls a protected operation with it.
/// </summary>
public sealed class HandshakeEndToEndTests : FixtureTests
{
    [Fact]
    public async Task A_third_party_is_onboarded_from_Allow_to_its_first_signed_api_call()
    {
        var app = new ThirdPartyApp(Fixture.Provider);
        var received = new TaskCompletionSource<ThirdPartyCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (post, _) =>
        {
            var key = post["oauth_consumer_key"];
            var secret = post["oauth_consumer_secret"];
            var requestToken = await app.RequestTokenAsync(key, secret);
            if (!requestToken.Succeeded)
            {
                received.SetException(new InvalidOperationException(requestToken.Body));
                return 500;
            }

            var (token, tokenSecret) = ThirdPartyApp.ParseTokenBody(requestToken.Body);
            var accessToken = await app.AccessTokenAsync(key, secret, token, tokenSecret, post["oauth_verifier"]);
            if (!accessToken.Succeeded)
            {
                received.SetException(new InvalidOperationException(accessToken.Body));
                return 500;
            }

            var (access, accessSecret) = ThirdPartyApp.ParseTokenBody(accessToken.Body);
            received.SetResult(new ThirdPartyCredentials(key, secret, access, accessSecret, post["store_base_url"]));
            return 200;
        });
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl, new Uri("https://acme.example/magento/login"));

        var activation = await Fixture.ActivateAsync(created.Id);

        var credentials = await received.Task;
        credentials.StoreBaseUrl.Should().Be(ThirdPartyApp.Store + "/");
        activation.IdentityLinkUrl.Should().Be(new Uri(
            $"https://acme.example/magento/login?oauth_consumer_key={created.ConsumerKey}&success_call_back="
            + Uri.EscapeDataString(HandshakeFixture.SuccessCallbackUrl.AbsoluteUri)));
        var stored = await Fixture.GetAsync(created.Id);
        stored!.Status.Should().Be(IntegrationStatus.Active);
        (await Fixture.RevealAsync(created.Id)).AccessToken.Should().Be(credentials.AccessToken);

        var call = await app.CallProductsAsync(credentials.ConsumerKey, credentials.ConsumerSecret, credentials.AccessToken, credentials.AccessTokenSecret);

        call.Succeeded.Should().BeTrue(call.ToString());
        call.Integration!.Id.Should().Be(created.Id);
        call.Token!.Type.Should().Be(OAuthTokenType.Access);
        Fixture.Events.Select(e => e.Kind).Should().Equal(IntegrationEventKind.Exchanged, IntegrationEventKind.Activated);
        var secrets = new[] { credentials.ConsumerSecret, credentials.AccessToken, credentials.AccessTokenSecret, thirdParty.Received.Single()["oauth_verifier"] };
        Fixture.Logs.Entries.Should().NotBeEmpty();
        Fixture.Logs.Entries.Should().OnlyContain(entry => secrets.All(secret => !entry.Text.Contains(secret, StringComparison.Ordinal)), "no secret reaches a log");
    }

    [Fact]
    public async Task After_a_reauthorization_the_old_access_token_is_refused_and_a_new_exchange_works()
    {
        var app = new ThirdPartyApp(Fixture.Provider);
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var first = await PendingExchange.StartAsync(Fixture, thirdParty);
        var firstAccess = await ExchangeAsync(app, first);
        Fixture.Time.Advance(TimeSpan.FromDays(30));

        await Fixture.ReauthorizeAsync(first.Integration.Id);

        var old = await app.CallProductsAsync(first.ConsumerKey, first.ConsumerSecret, firstAccess.Token, firstAccess.Secret);
        old.Succeeded.Should().BeFalse();
        old.Problem!.StatusCode.Should().Be(401);
        var post = thirdParty.Received[^1];
        post["oauth_consumer_key"].Should().Be(first.ConsumerKey);
        post["oauth_consumer_secret"].Should().Be(first.ConsumerSecret);
        var secondAccess = await ExchangeAsync(app, first with { Verifier = post["oauth_verifier"] });
        var call = await app.CallProductsAsync(first.ConsumerKey, first.ConsumerSecret, secondAccess.Token, secondAccess.Secret);
        call.Succeeded.Should().BeTrue(call.ToString());
        Fixture.Events.Select(e => e.Kind).Should().Equal(
            IntegrationEventKind.Activated, IntegrationEventKind.Exchanged, IntegrationEventKind.Reauthorized, IntegrationEventKind.Exchanged);
    }

    private static async Task<(string Token, string Secret)> ExchangeAsync(ThirdPartyApp app, PendingExchange pending)
    {
        var request = await app.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        request.Succeeded.Should().BeTrue(request.ToString());
        var (token, secret) = ThirdPartyApp.ParseTokenBody(request.Body);
        var access = await app.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, token, secret, pending.Verifier);
        access.Succeeded.Should().BeTrue(access.ToString());
        return ThirdPartyApp.ParseTokenBody(access.Body);
    }

    private sealed record ThirdPartyCredentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret, string StoreBaseUrl);
}
