using System.Net.Sockets;
using Integrations.Activation;
using Integrations.Handshake.Tests.Support;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Handshake.Tests.Activation;

public sealed class CallbackActivationTests : FixtureTests
{
    [Fact]
    public async Task Allow_posts_exactly_Magentos_four_form_fields_to_the_callback_url()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl);

        var result = await Fixture.ActivateAsync(created.Id);

        var post = thirdParty.Received.Should().ContainSingle().Subject;
        post.Method.Should().Be("POST");
        post.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        post.Fields.Select(f => f.Key).Should().Equal("oauth_consumer_key", "oauth_consumer_secret", "store_base_url", "oauth_verifier");
        var revealed = await Fixture.RevealAsync(created.Id);
        post["oauth_consumer_key"].Should().Be(created.ConsumerKey);
        post["oauth_consumer_secret"].Should().Be(revealed.ConsumerSecret);
        post["store_base_url"].Should().Be("https://shop.example/");
        CredentialGenerator.IsWellFormed(post["oauth_verifier"]).Should().BeTrue();
        post.Body.Should().Be(
            $"oauth_consumer_key={created.ConsumerKey}&oauth_consumer_secret={revealed.ConsumerSecret}"
            + $"&store_base_url=https%3A%2F%2Fshop.example%2F&oauth_verifier={post["oauth_verifier"]}");

        result.Integration.Status.Should().Be(IntegrationStatus.PendingExchange);
        result.ExchangePending.Should().BeTrue();
        result.Integration.Token.Should().BeNull();
        result.Integration.ExchangeStartedAt.Should().Be(Fixture.Time.GetUtcNow());
        CredentialHasher.Matches(post["oauth_verifier"], result.Integration.VerifierHash).Should().BeTrue();
        result.Credentials.Should().Be(new IntegrationCredentials(created.ConsumerKey, revealed.ConsumerSecret, null, null));
        (await Fixture.GetAsync(created.Id)).Should().Be(result.Integration);
    }

    [Fact]
    public async Task The_identity_link_carries_the_consumer_key_and_the_success_callback_as_Magento_builds_it()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl, new Uri("https://acme.example/magento/login"));

        var result = await Fixture.ActivateAsync(created.Id);

        result.IdentityLinkUrl!.AbsoluteUri.Should().Be(
            $"https://acme.example/magento/login?oauth_consumer_key={created.ConsumerKey}"
            + "&success_call_back=https%3A%2F%2Fshop.example%2Fadmin%2Fintegration%2FloginSuccessCallback%2F");
    }

    [Fact]
    public async Task An_identity_link_with_its_own_query_keeps_it_and_without_a_success_callback_carries_only_the_key()
    {
        await using var fixture = new HandshakeFixture(options => options.SuccessCallbackUrl = null);
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl, new Uri("https://acme.example/login?shop=42#top"));

        var result = await fixture.ActivateAsync(created.Id);

        result.IdentityLinkUrl!.AbsoluteUri.Should().Be($"https://acme.example/login?shop=42&oauth_consumer_key={created.ConsumerKey}");
    }

    [Fact]
    public async Task Without_an_identity_link_url_the_admin_gets_no_link()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl);

        var result = await Fixture.ActivateAsync(created.Id);

        result.IdentityLinkUrl.Should().BeNull();
        result.ExchangePending.Should().BeTrue();
    }

    [Theory]
    [InlineData(500, "answered 500 (Internal Server Error)")]
    [InlineData(404, "answered 404 (Not Found)")]
    [InlineData(401, "answered 401 (Unauthorized)")]
    public async Task A_non_2xx_answer_fails_the_activation_with_the_status_and_changes_nothing(int status, string reason)
    {
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(status);
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl);

        var act = () => Fixture.ActivateAsync(created.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        error.Failure.Should().Be(CallbackFailure.Status);
        error.StatusCode.Should().Be(status);
        error.Message.Should().Be($"The attempt to post data to consumer failed: {thirdParty.CallbackUrl} {reason}.");
        await ShouldBeUnchangedAsync(created);
        thirdParty.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_activation()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var draft = await Fixture.CreateAsync(thirdParty.RedirectingUrl);

        var act = () => Fixture.ActivateAsync(draft.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        error.StatusCode.Should().Be(302);
        error.Message.Should().EndWith("answered 302 (Found); redirects are not followed.");
        thirdParty.Received.Should().BeEmpty("the redirect target must not receive the credentials");
        await ShouldBeUnchangedAsync(draft);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_callback_that_does_not_answer_in_time_fails_the_activation_with_the_timeout(bool httpClientTimeoutFirst)
    {
        // ours (CallbackTimeout), or a shorter HttpClient.Timeout the host set on the named client
        await using var fixture = httpClientTimeoutFirst
            ? new HandshakeFixture(
                options => options.CallbackTimeout = TimeSpan.FromMinutes(1),
                builder => builder.Services.AddHttpClient(CallbackCredentialPoster.HttpClientName, client => client.Timeout = TimeSpan.FromMilliseconds(300)))
            : new HandshakeFixture(options => options.CallbackTimeout = TimeSpan.FromMilliseconds(300));
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, aborted) =>
        {
            posted.TrySetResult();
            await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        });
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl);

        var activation = fixture.ActivateAsync(created.Id);
        if (!httpClientTimeoutFirst) // the HttpClient's own timeout runs on the wall clock, ours on the host's TimeProvider
        {
            await Task.WhenAny(posted.Task, activation); // the post reached the third party (or failed, and the checks below say how)
            fixture.Time.Advance(TimeSpan.FromMilliseconds(299));
            activation.IsCompleted.Should().BeFalse("the callback has 0.3 seconds on the host's clock");
            fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var act = () => activation;

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        error.Failure.Should().Be(CallbackFailure.Timeout);
        error.Message.Should().Be($"The attempt to post data to consumer failed: {thirdParty.CallbackUrl} did not answer within "
            + (httpClientTimeoutFirst ? "the HTTP client's timeout." : "0.3 seconds."));
        (await fixture.GetAsync(created.Id)).Should().BeEquivalentTo(created, o => o.Excluding(i => i.ConcurrencyToken));
    }

    [Fact]
    public async Task An_unreachable_callback_fails_the_activation_with_the_transport_error()
    {
        var closedPort = FreePort();
        var created = await Fixture.CreateAsync(new Uri($"http://127.0.0.1:{closedPort}/callback"));

        var act = () => Fixture.ActivateAsync(created.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        error.Failure.Should().Be(CallbackFailure.Transport);
        error.Message.Should().StartWith($"The attempt to post data to consumer failed: http://127.0.0.1:{closedPort}/callback could not be reached (the connection failed: ");
        error.InnerException.Should().BeOfType<HttpRequestException>();
        await ShouldBeUnchangedAsync(created);
    }

    [Fact]
    public async Task A_callback_post_refused_by_the_hosts_proxy_does_not_show_or_log_the_proxy_password()
    {
        // the host sends the callback POSTs through its outbound proxy, whose credentials are in the proxy URL's user
        // info (as in HTTPS_PROXY=http://user:password@proxy:3128); the proxy refuses the tunnel
        using var proxy = RefusingProxy.Start();
        await using var fixture = new HandshakeFixture(configure: builder => builder.Services
            .AddHttpClient(CallbackCredentialPoster.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(proxy.Handler));
        var created = await fixture.CreateAsync(new Uri("https://erp.acme.example/callback"));

        var act = () => fixture.ActivateAsync(created.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        await proxy.Served;
        error.Failure.Should().Be(CallbackFailure.Transport);
        // the message is shown to the admin and logged (event 5001)
        error.Message.Should().NotContain(RefusingProxy.Password, "a password in a URL's user info is a secret (decision 5)");
        fixture.Logs.Entries.Should().NotContain(e => e.Message.Contains(RefusingProxy.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_http_callback_is_refused_before_anything_is_posted_unless_the_host_opts_out()
    {
        await using var fixture = new HandshakeFixture(options => options.AllowInsecureCallbackUrls = false);
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl);

        var act = () => fixture.ActivateAsync(created.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        error.Failure.Should().Be(CallbackFailure.InsecureUrl);
        error.Message.Should().Be($"The credentials were not posted: the callback URL {thirdParty.CallbackUrl} is not https, and this store only posts credentials over https.");
        thirdParty.Received.Should().BeEmpty();
        (await fixture.GetAsync(created.Id)).Should().Be(created);
    }

    [Fact]
    public async Task Without_a_store_base_url_nothing_is_posted()
    {
        await using var fixture = new HandshakeFixture(options => options.StoreBaseUrl = null);
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl);

        var act = () => fixture.ActivateAsync(created.Id);

        (await act.Should().ThrowAsync<CallbackPostException>()).Which.Failure.Should().Be(CallbackFailure.StoreBaseUrlMissing);
        thirdParty.Received.Should().BeEmpty();
        (await fixture.GetAsync(created.Id)).Should().Be(created);
    }

    [Fact]
    public async Task The_state_is_already_pending_when_the_third_party_receives_the_post()
    {
        HandshakeFixture fixture = Fixture;
        Integration? seenByThirdParty = null;
        Guid id = default;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (post, _) =>
        {
            seenByThirdParty = await fixture.GetAsync(id);
            return 200;
        });
        id = (await fixture.CreateAsync(thirdParty.CallbackUrl)).Id;

        await fixture.ActivateAsync(id);

        seenByThirdParty!.Status.Should().Be(IntegrationStatus.PendingExchange);
        CredentialHasher.Matches(thirdParty.Received.Single()["oauth_verifier"], seenByThirdParty.VerifierHash).Should().BeTrue();
    }

    [Fact]
    public async Task Concurrent_allow_clicks_leave_exactly_one_valid_verifier()
    {
        for (var round = 0; round < 10; round++)
        {
            await using var fixture = new HandshakeFixture();
            await using var thirdParty = await ThirdPartyListener.StartAsync();
            var created = await fixture.CreateAsync(thirdParty.CallbackUrl);

            var clicks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                try
                {
                    return await fixture.ActivateAsync(created.Id);
                }
                catch (IntegrationConcurrencyException)
                {
                    return null;
                }
            }));
            var succeeded = (await Task.WhenAll(clicks)).OfType<ActivationResult>().ToList();

            succeeded.Should().NotBeEmpty();
            thirdParty.Received.Should().HaveCount(succeeded.Count, "only a click that claimed the integration posts");
            var stored = await fixture.GetAsync(created.Id);
            thirdParty.Received.Count(post => CredentialHasher.Matches(post["oauth_verifier"], stored!.VerifierHash)).Should().Be(1);
            stored!.Status.Should().Be(IntegrationStatus.PendingExchange);
        }
    }

    [Fact]
    public async Task Activating_again_while_pending_resends_with_a_new_verifier_and_restarts_the_window()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var created = await Fixture.CreateAsync(thirdParty.CallbackUrl);
        await Fixture.ActivateAsync(created.Id);
        Fixture.Time.Advance(TimeSpan.FromMinutes(10));

        var again = await Fixture.ActivateAsync(created.Id);

        thirdParty.Received.Should().HaveCount(2);
        thirdParty.Received[1]["oauth_verifier"].Should().NotBe(thirdParty.Received[0]["oauth_verifier"]);
        CredentialHasher.Matches(thirdParty.Received[0]["oauth_verifier"], again.Integration.VerifierHash).Should().BeFalse();
        again.Integration.ExchangeStartedAt.Should().Be(Fixture.Time.GetUtcNow());
    }

    [Fact]
    public async Task An_integration_deleted_during_the_callback_post_is_not_reported_activated()
    {
        Guid id = default;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            // another admin deletes the integration while the callback is answering
            await Fixture.AdminAsync(async service =>
            {
                await service.DeleteAsync(id, HandshakeFixture.Admin);
                return true;
            });
            return 200;
        });
        id = (await Fixture.CreateAsync(thirdParty.CallbackUrl)).Id;

        var act = () => Fixture.ActivateAsync(id);

        await act.Should().ThrowAsync<IntegrationNotFoundException>("the integration was deleted before the activation finished, as a reauthorize reports in the same case");
        (await Fixture.GetAsync(id)).Should().BeNull();
        Fixture.Events.Should().NotContain(e => e.Kind == IntegrationEventKind.Activated);
    }

    [Fact]
    public async Task A_failed_callback_post_is_rolled_back_even_when_an_admin_saved_the_integration_meanwhile()
    {
        Guid id = default;
        Uri? callbackUrl = null;
        await using var thirdParty = await ThirdPartyListener.StartAsync(async (_, _) =>
        {
            // another admin renames the integration while the callback is failing
            await Fixture.AdminAsync(service => service.UpdateAsync(id, new IntegrationDraft { Name = "Renamed", CallbackUrl = callbackUrl!.AbsoluteUri }, HandshakeFixture.Admin));
            return 500;
        });
        callbackUrl = thirdParty.CallbackUrl;
        id = (await Fixture.CreateAsync(thirdParty.CallbackUrl)).Id;

        var act = () => Fixture.ActivateAsync(id);

        await act.Should().ThrowAsync<CallbackPostException>();
        var after = await Fixture.GetAsync(id);
        after!.Name.Should().Be("Renamed", "the admin's edit stands");
        after.Status.Should().Be(IntegrationStatus.Inactive);
        after.VerifierHash.Should().BeNull("the verifier posted to a callback that failed must not stay valid");
        after.ExchangeStartedAt.Should().BeNull();
    }

    private async Task ShouldBeUnchangedAsync(Integration before)
    {
        var after = await Fixture.GetAsync(before.Id);
        after.Should().Be(before with { ConcurrencyToken = after!.ConcurrencyToken });
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
