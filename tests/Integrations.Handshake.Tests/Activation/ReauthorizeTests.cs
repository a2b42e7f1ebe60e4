using Integrations.Activation;
using Integrations.Handshake.Tests.Support;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;

namespace Integrations.Handshake.Tests.Activation;

public sealed class ReauthorizeTests : FixtureTests
{
    [Fact]
    public async Task With_a_callback_the_access_token_keeps_working_until_the_callback_accepts_the_new_credentials_then_is_refused()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        OAuthValidationResult? callDuringPost = null;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            // the callback is slow: meanwhile the third party goes on calling the API with what it holds
            callDuringPost = await CallAsync(credentials);
            return 200;
        });
        await EditCallbackAsync(created, thirdParty.CallbackUrl);
        Fixture.Time.Advance(TimeSpan.FromHours(1));

        var result = await Fixture.ReauthorizeAsync(created.Id);

        callDuringPost!.Value.Succeeded.Should().BeTrue($"the current access token works until the callback accepted the new credentials ({callDuringPost.Value.Problem})");
        var after = await CallAsync(credentials);
        after.Succeeded.Should().BeFalse("from the commit on the old access token is refused");
        after.Problem!.Reason.Should().Be(OAuthProblemReason.TokenUnknown);
        (await Fixture.FindByTokenAsync(credentials.AccessToken!)).Should().BeNull();
        var post = thirdParty.Received.Should().ContainSingle().Subject;
        post["oauth_consumer_key"].Should().Be(created.ConsumerKey, "the consumer is kept");
        result.Integration.Status.Should().Be(IntegrationStatus.PendingExchange);
        result.Integration.Token.Should().BeNull();
        result.Integration.ExchangeStartedAt.Should().Be(Fixture.Time.GetUtcNow());
        CredentialHasher.Matches(post["oauth_verifier"], result.Integration.VerifierHash).Should().BeTrue();
        result.Credentials.AccessToken.Should().BeNull();
        (await Fixture.GetAsync(created.Id))!.Status.Should().Be(IntegrationStatus.PendingExchange);
    }

    [Fact]
    public async Task A_third_party_that_exchanges_from_inside_its_callback_during_a_reauthorize_ends_up_with_the_new_token_only()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        TokenExchangeResult? access = null;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (post, _) =>
        {
            var request = await App.RequestTokenAsync(post["oauth_consumer_key"], post["oauth_consumer_secret"]);
            request.Succeeded.Should().BeTrue(request.ToString());
            access = await App.AccessTokenAsync(post["oauth_consumer_key"], post["oauth_consumer_secret"], request.Token!, request.TokenSecret!, post["oauth_verifier"]);
            return 200;
        });
        await EditCallbackAsync(created, thirdParty.CallbackUrl);

        var result = await Fixture.ReauthorizeAsync(created.Id);

        access!.Succeeded.Should().BeTrue(access.ToString());
        result.Integration.Status.Should().Be(IntegrationStatus.Active, "the exchange completed before the callback answered; the commit leaves it alone");
        (await CallAsync(credentials)).Succeeded.Should().BeFalse();
        (await CallAsync(credentials with { AccessToken = access.Token, AccessTokenSecret = access.TokenSecret })).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_request_token_authenticated_during_the_callback_and_issued_after_the_commit_is_still_issued()
    {
        var (created, _) = await ActiveIntegrationAsync();
        OAuthValidationResult authenticated = default;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (post, _) =>
        {
            // the third party's request-token call reaches the engine while the callback is still answering
            authenticated = await App.AuthenticateRequestTokenAsync(post["oauth_consumer_key"], post["oauth_consumer_secret"]);
            return 200;
        });
        await EditCallbackAsync(created, thirdParty.CallbackUrl);

        await Fixture.ReauthorizeAsync(created.Id); // commits: the integration changed since the verdict
        var issued = await App.IssueRequestTokenAsync(authenticated);

        authenticated.Succeeded.Should().BeTrue(authenticated.Problem?.ToString());
        issued.Succeeded.Should().BeTrue($"the exchange is decided again on the committed state ({issued})");
        var stored = await Fixture.GetAsync(created.Id);
        stored!.Status.Should().Be(IntegrationStatus.PendingExchange);
        stored.Token!.Type.Should().Be(OAuthTokenType.Request);
        CredentialHasher.Matches(issued.Token!, stored.Token.Hash).Should().BeTrue();
    }

    [Fact]
    public async Task With_a_failing_callback_the_integration_keeps_its_access_token()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(503);
        var edited = await EditCallbackAsync(created, thirdParty.CallbackUrl);

        var act = () => Fixture.ReauthorizeAsync(created.Id);

        (await act.Should().ThrowAsync<CallbackPostException>()).Which.StatusCode.Should().Be(503);
        var after = await Fixture.GetAsync(created.Id);
        after.Should().Be(edited with { ConcurrencyToken = after!.ConcurrencyToken });
        (await Fixture.FindByTokenAsync(credentials.AccessToken!))!.Id.Should().Be(created.Id);
    }

    [Fact]
    public async Task A_reauthorize_whose_callback_is_slow_then_fails_is_invisible_to_the_third_party()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        var calls = new List<OAuthValidationResult>();
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            calls.Add(await CallAsync(credentials));
            Fixture.Time.Advance(TimeSpan.FromSeconds(5));
            calls.Add(await CallAsync(credentials));
            return 500;
        });
        await EditCallbackAsync(created, thirdParty.CallbackUrl);

        var act = () => Fixture.ReauthorizeAsync(created.Id);

        await act.Should().ThrowAsync<CallbackPostException>();
        calls.Add(await CallAsync(credentials));
        calls.Should().HaveCount(3).And.OnlyContain(call => call.Succeeded, "the current token never stops working");
        (await Fixture.GetAsync(created.Id))!.Status.Should().Be(IntegrationStatus.Active);
    }

    [Fact]
    public async Task Without_a_callback_a_new_pair_is_issued_at_once_and_the_consumer_is_kept()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        var oldAccessToken = credentials.AccessToken!;

        var result = await Fixture.ReauthorizeAsync(created.Id);

        result.Integration.Status.Should().Be(IntegrationStatus.Active);
        result.Credentials.ConsumerKey.Should().Be(created.ConsumerKey);
        result.Credentials.AccessToken.Should().NotBe(oldAccessToken);
        CredentialGenerator.IsWellFormed(result.Credentials.AccessTokenSecret).Should().BeTrue();
        (await Fixture.FindByTokenAsync(oldAccessToken)).Should().BeNull();
        (await Fixture.FindByTokenAsync(result.Credentials.AccessToken!))!.Id.Should().Be(created.Id);
        result.IdentityLinkUrl.Should().BeNull();
    }

    [Fact]
    public async Task An_admin_edit_during_the_callback_post_does_not_keep_the_old_access_token_alive()
    {
        var (created, credentials) = await ActiveIntegrationAsync();
        Uri? callbackUrl = null;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            // another admin saves the integration (a new e-mail) while the callback is answering
            await Fixture.AdminAsync(service => service.UpdateAsync(
                created.Id,
                new IntegrationDraft
                {
                    Name = created.Name,
                    Email = "other@acme.example",
                    CallbackUrl = callbackUrl!.AbsoluteUri,
                    ResourceAccess = created.ResourceAccess,
                    Resources = [.. created.Resources],
                },
                HandshakeFixture.Admin));
            return 200;
        });
        callbackUrl = thirdParty.CallbackUrl;
        await EditCallbackAsync(created, thirdParty.CallbackUrl);

        var result = await Fixture.ReauthorizeAsync(created.Id);

        thirdParty.Received.Should().ContainSingle("the callback accepted the new credentials");
        (await CallAsync(credentials)).Succeeded.Should().BeFalse("once the callback accepted the new credentials the old access token must stop working");
        result.Integration.Status.Should().Be(IntegrationStatus.PendingExchange, "the callback accepted the new credentials, so the reauthorize committed");
    }

    [Fact]
    public async Task A_clock_near_the_end_of_time_accepts_a_signed_call()
    {
        Fixture.Time.SetUtcNow(DateTimeOffset.MaxValue.AddMinutes(-1));
        var (_, credentials) = await ActiveIntegrationAsync();

        var result = await CallAsync(credentials);

        result.Succeeded.Should().BeTrue("the nonce is kept until the last moment DateTimeOffset holds (computing its expiry threw)");
    }

    private ThirdPartyApp App => new(Fixture.Provider);

    private async Task<(Integration Integration, IntegrationCredentials Credentials)> ActiveIntegrationAsync()
    {
        var created = await Fixture.CreateAsync();
        var activated = await Fixture.ActivateAsync(created.Id);
        return (activated.Integration, activated.Credentials);
    }

    private Task<OAuthValidationResult> CallAsync(IntegrationCredentials credentials) =>
        App.CallProductsAsync(credentials.ConsumerKey, credentials.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret!);

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
