using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Integrations.Activation;
using Integrations.Diagnostics;
using Integrations.Handshake.Tests.Support;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.OAuth;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Handshake.Tests.Exchange;

public sealed class TokenExchangeTests : FixtureTests
{
    private ThirdPartyApp App => new(Fixture.Provider);

    [Fact]
    public async Task The_request_token_call_returns_Magentos_body_and_keeps_the_integration_pending()
    {
        var pending = await StartAsync();

        var result = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.StatusCode.Should().Be(200);
        result.Body.Should().Be($"oauth_token={result.Token}&oauth_token_secret={result.TokenSecret}");
        CredentialGenerator.IsWellFormed(result.Token).Should().BeTrue();
        CredentialGenerator.IsWellFormed(result.TokenSecret).Should().BeTrue();
        result.ToString().Should().NotContain(result.TokenSecret);
        var stored = await Fixture.GetAsync(pending.Integration.Id);
        stored!.Status.Should().Be(IntegrationStatus.PendingExchange);
        stored.Token!.Type.Should().Be(OAuthTokenType.Request);
        CredentialHasher.Matches(result.Token, stored.Token.Hash).Should().BeTrue();
    }

    [Fact]
    public async Task The_request_token_is_refused_once_the_exchange_window_has_elapsed()
    {
        var pending = await StartAsync();
        IntegrationsOptionsDefaults.Window.Should().Be(TimeSpan.FromSeconds(300), "Magento's default");
        Fixture.Time.Advance(IntegrationsOptionsDefaults.Window);

        var result = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        ShouldBeRejected(result, 401, "consumer_key_rejected", "Consumer key has expired");
        result.Body.Should().Be("oauth_problem=Consumer+key+has+expired");
        (await Fixture.GetAsync(pending.Integration.Id))!.Token.Should().BeNull();
    }

    [Fact]
    public async Task Exchanges_and_callback_posts_are_counted_on_the_hosts_meter()
    {
        var factory = Fixture.Provider.GetRequiredService<IMeterFactory>();
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == IntegrationsMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            outcomes.Enqueue($"{instrument.Name} {tagged.GetValueOrDefault(IntegrationsMetrics.FlowTag)} {tagged[IntegrationsMetrics.OutcomeTag]}".Replace("  ", " ", StringComparison.Ordinal));
        });
        listener.Start();
        var pending = await StartAsync();

        (await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret)).Succeeded.Should().BeTrue();
        (await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret)).Succeeded.Should().BeFalse();

        outcomes.Where(o => !o.StartsWith(IntegrationsMetrics.AclDecisions, StringComparison.Ordinal)).Should().Equal(
            $"{IntegrationsMetrics.CallbackPosts} delivered",
            $"{IntegrationsMetrics.OAuthValidations} request_token accepted",
            $"{IntegrationsMetrics.TokenExchanges} request_token issued",
            $"{IntegrationsMetrics.OAuthValidations} request_token accepted",
            $"{IntegrationsMetrics.TokenExchanges} request_token token_used");
    }

    [Fact]
    public async Task Activation_and_exchanges_are_traced_with_the_callback_post_inside_the_activation()
    {
        using var testSource = new ActivitySource("Integrations.Handshake.Tests");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var root = testSource.StartActivity("test")!;

        var pending = await StartAsync();
        (await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret)).Succeeded.Should().BeTrue();
        root.Stop();

        var spans = stopped.Where(a => a.TraceId == root.TraceId).ToList();
        var activate = spans.Should().ContainSingle(a => a.OperationName == "integrations.activate").Subject;
        activate.GetTagItem(IntegrationsActivitySource.IntegrationIdTag).Should().Be(pending.Integration.Id);
        spans.Should().Contain(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == activate.SpanId, "the callback POST is part of the activation");
        var exchange = spans.Should().ContainSingle(a => a.OperationName == "integrations.token_exchange").Subject;
        exchange.GetTagItem(IntegrationsMetrics.OutcomeTag).Should().Be("issued");
        spans.Should().ContainSingle(a => a.OperationName == "integrations.oauth.validate")
            .Which.GetTagItem(IntegrationsMetrics.FlowTag).Should().Be("request_token");
    }

    [Fact]
    public async Task The_request_token_is_issued_until_the_last_instant_of_the_window()
    {
        var pending = await StartAsync();
        Fixture.Time.Advance(IntegrationsOptionsDefaults.Window - TimeSpan.FromMilliseconds(1));

        var result = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        result.Succeeded.Should().BeTrue(result.ToString());
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, false)]
    public async Task The_window_is_the_configured_one(int seconds, bool issued)
    {
        await using var fixture = new HandshakeFixture(configure: builder => builder.Configure(options => options.TokenExchangeWindow = TimeSpan.FromSeconds(60)));
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var pending = await PendingExchange.StartAsync(fixture, thirdParty);
        fixture.Time.Advance(TimeSpan.FromSeconds(seconds));

        var result = await new ThirdPartyApp(fixture.Provider).RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        result.Succeeded.Should().Be(issued, result.ToString());
    }

    [Fact]
    public async Task Activating_again_restarts_the_window()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var first = await PendingExchange.StartAsync(Fixture, thirdParty);
        Fixture.Time.Advance(IntegrationsOptionsDefaults.Window * 2);
        await Fixture.ActivateAsync(first.Integration.Id);

        var result = await App.RequestTokenAsync(first.ConsumerKey, first.ConsumerSecret);

        result.Succeeded.Should().BeTrue(result.ToString());
    }

    [Fact]
    public async Task A_second_request_token_call_gets_Magentos_error()
    {
        var pending = await StartAsync();
        var first = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        var second = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

        first.Succeeded.Should().BeTrue();
        ShouldBeRejected(second, 401, "token_used", "Cannot create request token because consumer token is not a verifier token");
        (await Fixture.GetAsync(pending.Integration.Id))!.Token!.Hash.Should().Be(CredentialHasher.Hash(first.Token), "the first request token stays valid");
    }

    [Fact]
    public async Task A_request_token_for_an_integration_not_waiting_for_an_exchange_is_refused_as_expired()
    {
        var created = await Fixture.CreateAsync();
        var active = await Fixture.ActivateAsync(created.Id);

        var result = await App.RequestTokenAsync(created.ConsumerKey, active.Credentials.ConsumerSecret);

        ShouldBeRejected(result, 401, "consumer_key_rejected", "Consumer key has expired");
        result.OAuthProblem!.Reason.Should().Be(OAuthProblemReason.IntegrationStatusRejected);
    }

    [Fact]
    public async Task A_request_token_signed_with_a_wrong_secret_is_refused_by_the_engine()
    {
        var pending = await StartAsync();

        var result = await App.RequestTokenAsync(pending.ConsumerKey, CredentialGenerator.Create());

        ShouldBeRejected(result, 401, "signature_invalid", "The signature is invalid. Verify and try again.");
        result.Body.Should().Be("oauth_problem=The+signature+is+invalid.+Verify+and+try+again.");
        (await Fixture.GetAsync(pending.Integration.Id))!.Token.Should().BeNull();
    }

    [Fact]
    public async Task The_access_token_call_activates_the_integration_and_the_access_token_signs_api_calls()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        Fixture.Time.Advance(TimeSpan.FromSeconds(10));

        var access = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        access.Succeeded.Should().BeTrue(access.ToString());
        access.Body.Should().Be($"oauth_token={access.Token}&oauth_token_secret={access.TokenSecret}");
        access.Token.Should().NotBe(request.Token);
        var stored = await Fixture.GetAsync(pending.Integration.Id);
        stored!.Status.Should().Be(IntegrationStatus.Active);
        stored.Token!.Type.Should().Be(OAuthTokenType.Access);
        stored.VerifierHash.Should().BeNull();
        stored.ExchangeStartedAt.Should().BeNull();
        (await Fixture.RevealAsync(stored.Id)).Should().Be(new Lifecycle.IntegrationCredentials(pending.ConsumerKey, pending.ConsumerSecret, access.Token, access.TokenSecret));
        var call = await App.CallProductsAsync(pending.ConsumerKey, pending.ConsumerSecret, access.Token!, access.TokenSecret!);
        call.Succeeded.Should().BeTrue(call.ToString());
        call.Integration!.Id.Should().Be(stored.Id);
        Fixture.Events.Last().Should().Be(new IntegrationEvent(
            IntegrationEventKind.Exchanged, stored.Id, "Acme ERP", "ops@acme.example", IntegrationStatus.Active, IntegrationSetupType.Manual, Fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task The_access_token_call_is_not_bound_to_the_window_as_in_Magento()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        Fixture.Time.Advance(IntegrationsOptionsDefaults.Window * 3);

        var access = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        access.Succeeded.Should().BeTrue(access.ToString());
    }

    [Fact]
    public async Task The_access_token_call_after_the_window_still_works_when_the_admin_read_the_integration_meanwhile()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        Fixture.Time.Advance(IntegrationsOptionsDefaults.Window);
        await Fixture.GetAsync(pending.Integration.Id); // the admin opens the integration (the cleanup applies the same expiry)

        var access = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        // the read ended the exchange (Inactive, the request token removed): 401 token_rejected
        access.Succeeded.Should().BeTrue(access.ToString());
    }

    [Fact]
    public async Task An_access_token_call_that_overlaps_an_admin_edit_gets_its_access_token()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        var signed = new OAuthWireRequest { Method = "POST", Url = ThirdPartyApp.Store + "/oauth/token/access" };
        signed = signed with
        {
            Authorization = Fixture.Provider.GetRequiredService<IOAuthSigner>().CreateAuthorizationHeader(signed, new OAuthClientCredentials
            {
                ConsumerKey = pending.ConsumerKey,
                ConsumerSecret = pending.ConsumerSecret,
                Token = request.Token,
                TokenSecret = request.TokenSecret,
                Verifier = pending.Verifier,
            }),
        };
        OAuthValidationResult validated;
        await using (var scope = Fixture.Provider.CreateAsyncScope())
        {
            validated = await scope.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(signed, OAuthFlow.AccessToken);
        }

        // an admin saves the integration's e-mail between the validation and the exchange: the request token is untouched
        var stored = await Fixture.Store.FindByIdAsync(pending.Integration.Id, default);
        await Fixture.Store.UpdateAsync(stored! with { Email = "it@acme.example", ConcurrencyToken = "edited" }, stored!.ConcurrencyToken, default);
        TokenExchangeResult access;
        await using (var scope = Fixture.Provider.CreateAsyncScope())
        {
            access = await scope.ServiceProvider.GetRequiredService<ITokenExchangeService>().IssueAccessTokenAsync(validated);
        }

        // it was told "Token is already being used", and a Magento client gives up on that
        validated.Succeeded.Should().BeTrue(validated.Problem?.ToString());
        access.Succeeded.Should().BeTrue(access.Phrase);
        var after = await Fixture.Store.FindByIdAsync(pending.Integration.Id, default);
        after!.Status.Should().Be(IntegrationStatus.Active);
        after.Email.Should().Be("it@acme.example", "the admin's edit stands");
    }

    [Fact]
    public async Task A_reused_request_token_is_already_being_used_as_in_Magento_until_the_next_reauthorize()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        var access = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        var again = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        access.Succeeded.Should().BeTrue();
        ShouldBeRejected(again, 401, "token_used", "Token is already being used");
        var stored = await Fixture.GetAsync(pending.Integration.Id);
        stored!.Token!.Hash.Should().Be(CredentialHasher.Hash(access.Token!), "the issued access token is untouched");
        stored.ExchangedRequestTokenHash.Should().Be(CredentialHasher.Hash(request.Token!), "kept hashed, never in clear");

        await Fixture.Store.UpdateAsync(stored with { CallbackUrl = null, ConcurrencyToken = "direct" }, stored.ConcurrencyToken, default);
        await Fixture.ReauthorizeAsync(stored.Id);
        var afterReauthorize = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);
        ShouldBeRejected(afterReauthorize, 401, "token_rejected", "Specified token does not exist");
    }

    [Fact]
    public async Task An_access_token_sent_to_the_access_token_endpoint_is_already_used()
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        var access = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);

        var again = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, access.Token!, access.TokenSecret!, pending.Verifier);

        ShouldBeRejected(again, 401, "token_used", "Token is already being used");
    }

    [Fact]
    public async Task Another_consumers_request_token_is_refused()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var mine = await PendingExchange.StartAsync(Fixture, thirdParty, "Mine");
        var theirs = await PendingExchange.StartAsync(Fixture, thirdParty, "Theirs");
        var theirRequest = await App.RequestTokenAsync(theirs.ConsumerKey, theirs.ConsumerSecret);

        var result = await App.AccessTokenAsync(mine.ConsumerKey, mine.ConsumerSecret, theirRequest.Token!, theirRequest.TokenSecret!, mine.Verifier);

        ShouldBeRejected(result, 401, "token_rejected", "Request token is not associated with the specified consumer");
        (await Fixture.GetAsync(mine.Integration.Id))!.Status.Should().Be(IntegrationStatus.PendingExchange);
        (await Fixture.GetAsync(theirs.Integration.Id))!.Token!.Type.Should().Be(OAuthTokenType.Request);
    }

    [Theory]
    [InlineData(31, "Verifier is not the correct length")]
    [InlineData(33, "Verifier is not the correct length")]
    [InlineData(32, "Token verifier and verifier token do not match")]
    public async Task A_wrong_verifier_is_refused_and_the_right_one_still_works(int length, string phrase)
    {
        var pending = await StartAsync();
        var request = await App.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);
        var wrong = (CredentialGenerator.Create() + CredentialGenerator.Create())[..length];

        var result = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, wrong);

        ShouldBeRejected(result, 401, "verifier_invalid", phrase);
        (await Fixture.GetAsync(pending.Integration.Id))!.Status.Should().Be(IntegrationStatus.PendingExchange);
        var right = await App.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier);
        right.Succeeded.Should().BeTrue(right.ToString());
    }

    [Fact]
    public async Task The_verifier_of_an_earlier_post_no_longer_works_after_a_new_one()
    {
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var first = await PendingExchange.StartAsync(Fixture, thirdParty);
        await Fixture.ActivateAsync(first.Integration.Id);
        var request = await App.RequestTokenAsync(first.ConsumerKey, first.ConsumerSecret);

        var result = await App.AccessTokenAsync(first.ConsumerKey, first.ConsumerSecret, request.Token!, request.TokenSecret!, first.Verifier);

        ShouldBeRejected(result, 401, "verifier_invalid", "Token verifier and verifier token do not match");
    }

    [Fact]
    public async Task Of_two_concurrent_access_token_calls_exactly_one_gets_a_token()
    {
        for (var round = 0; round < 10; round++)
        {
            await using var fixture = new HandshakeFixture();
            await using var thirdParty = await ThirdPartyListener.StartAsync();
            var pending = await PendingExchange.StartAsync(fixture, thirdParty);
            var app = new ThirdPartyApp(fixture.Provider);
            var request = await app.RequestTokenAsync(pending.ConsumerKey, pending.ConsumerSecret);

            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
                app.AccessTokenAsync(pending.ConsumerKey, pending.ConsumerSecret, request.Token!, request.TokenSecret!, pending.Verifier))));

            var winner = results.Should().ContainSingle(r => r.Succeeded).Subject;
            results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.StatusCode == 401);
            (await fixture.GetAsync(pending.Integration.Id))!.Token!.Hash.Should().Be(CredentialHasher.Hash(winner.Token!));
        }
    }

    private async Task<PendingExchange> StartAsync()
    {
        var thirdParty = await ThirdPartyListener.StartAsync();
        await using (thirdParty)
        {
            return await PendingExchange.StartAsync(Fixture, thirdParty);
        }
    }

    private static void ShouldBeRejected(TokenExchangeResult result, int status, string code, string phrase)
    {
        result.Succeeded.Should().BeFalse();
        result.StatusCode.Should().Be(status);
        result.ProblemCode.Should().Be(code);
        result.Phrase.Should().Be(phrase);
        result.Token.Should().BeNull();
    }
}
