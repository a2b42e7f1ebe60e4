using Integrations.Activation;
using Integrations.Handshake.Tests.Support;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;

namespace Integrations.Handshake.Tests.Activation;

public sealed class ReauthorizeTests : FixtureTests
{
    [Fact]
    public async Task With_a_callback_the_access_token_is_revoked_before_the_new_verifier_is_posted()
    {
        var (created, oldAccessToken) = await ActiveIntegrationAsync();
        Integration? heldDuringPost = null;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            heldDuringPost = await Fixture.FindByTokenAsync(oldAccessToken);
            return 200;
        });
        await EditCallbackAsync(created, thirdParty.CallbackUrl);
        Fixture.Time.Advance(TimeSpan.FromHours(1));

        var result = await Fixture.ReauthorizeAsync(created.Id);

        heldDuringPost.Should().BeNull("the old access token stops working at once");
        (await Fixture.FindByTokenAsync(oldAccessToken)).Should().BeNull();
        var post = thirdParty.Received.Should().ContainSingle().Subject;
        post["oauth_consumer_key"].Should().Be(created.ConsumerKey, "the consumer is kept");
        result.Integration.Status.Should().Be(IntegrationStatus.PendingExchange);
        result.Integration.Token.Should().BeNull();
        result.Integration.ExchangeStartedAt.Should().Be(Fixture.Time.GetUtcNow());
        CredentialHasher.Matches(post["oauth_verifier"], result.Integration.VerifierHash).Should().BeTrue();
        result.Credentials.AccessToken.Should().BeNull();
    }

    [Fact]
    public async Task With_a_failing_callback_the_integration_keeps_its_access_token()
    {
        var (created, oldAccessToken) = await ActiveIntegrationAsync();
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(503);
        var edited = await EditCallbackAsync(created, thirdParty.CallbackUrl);

        var act = () => Fixture.ReauthorizeAsync(created.Id);

        (await act.Should().ThrowAsync<CallbackPostException>()).Which.StatusCode.Should().Be(503);
        var after = await Fixture.GetAsync(created.Id);
        after.Should().Be(edited with { ConcurrencyToken = after!.ConcurrencyToken });
        (await Fixture.FindByTokenAsync(oldAccessToken))!.Id.Should().Be(created.Id);
    }

    [Fact]
    public async Task Without_a_callback_a_new_pair_is_issued_at_once_and_the_consumer_is_kept()
    {
        var (created, oldAccessToken) = await ActiveIntegrationAsync();

        var result = await Fixture.ReauthorizeAsync(created.Id);

        result.Integration.Status.Should().Be(IntegrationStatus.Active);
        result.Credentials.ConsumerKey.Should().Be(created.ConsumerKey);
        result.Credentials.AccessToken.Should().NotBe(oldAccessToken);
        CredentialGenerator.IsWellFormed(result.Credentials.AccessTokenSecret).Should().BeTrue();
        (await Fixture.FindByTokenAsync(oldAccessToken)).Should().BeNull();
        (await Fixture.FindByTokenAsync(result.Credentials.AccessToken!))!.Id.Should().Be(created.Id);
        result.IdentityLinkUrl.Should().BeNull();
    }

    private async Task<(Integration Integration, string AccessToken)> ActiveIntegrationAsync()
    {
        var created = await Fixture.CreateAsync();
        var activated = await Fixture.ActivateAsync(created.Id);
        return (activated.Integration, activated.Credentials.AccessToken!);
    }

    private Task<Integration> EditCallbackAsync(Integration integration, Uri callbackUrl) =>
        Fixture.AdminAsync(service => service.UpdateAsync(
            integration.Id,
            new IntegrationDraft
            {
                Name = integration.Name,
                Email = integration.Email,
                CallbackUrl = callbackUrl.AbsoluteUri,
                ResourceAccess = integration.ResourceAccess,
                Resources = [.. integration.Resources],
            },
            HandshakeFixture.Admin));
}
