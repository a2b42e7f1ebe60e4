using System.Diagnostics;
using System.Diagnostics.Metrics;
using Integrations.Acl;
using Integrations.Activation;
using Integrations.Core.Tests.Acl;
using Integrations.Core.Tests.OAuth;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Stores;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using AclIntegrations = Integrations.Core.Tests.Acl.Integrations;

namespace Integrations.Core.Tests.Diagnostics;

/// <summary>What an operator sees on the <c>Integrations</c> meter and activity source: each operation counted once, by outcome, with no secret in a tag.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_validation_is_counted_and_timed_by_flow_and_outcome()
    {
        using var fixture = new ValidatorFixture();
        var integration = await fixture.AddAsync();
        var signed = fixture.Sign(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl }, integration);

        (await fixture.ValidateAsync(signed)).Succeeded.Should().BeTrue();
        (await fixture.ValidateAsync(signed)).Problem!.Reason.Should().Be(OAuthProblemReason.NonceUsed);
        (await fixture.ValidateAsync(signed with { Url = ValidatorFixture.ApiUrl + "&x=1" })).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);

        var counted = fixture.Metrics.Of(IntegrationsMetrics.OAuthValidations);
        counted.Select(m => m.Tags[IntegrationsMetrics.OutcomeTag]).Should().Equal("accepted", "nonce_used", "signature_invalid");
        counted.Should().OnlyContain(m => m.Value == 1 && m.Tags[IntegrationsMetrics.FlowTag] == "protected_resource");
        var timed = fixture.Metrics.Of(IntegrationsMetrics.OAuthValidationDuration);
        timed.Should().HaveCount(3).And.OnlyContain(m => m.Value > 0 && m.Value < 60);
        counted.Concat(timed).SelectMany(m => m.Tags.Values)
            .Should().NotContain(v => v!.Contains(integration.ConsumerKey) || v.Contains(integration.Token!) || v.Contains(integration.TokenSecret!));
    }

    [Fact]
    public async Task A_validation_that_throws_is_still_counted_timed_and_traced()
    {
        using var fixture = new ValidatorFixture();
        var integration = await fixture.AddAsync();
        var store = Substitute.For<IIntegrationStore>();
#pragma warning disable CA2012 // NSubstitute arranges the call; nothing awaits this ValueTask
        store.FindByConsumerKeyAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns<ValueTask<Integration?>>(_ => throw new TimeoutException("database down"));
#pragma warning restore CA2012
        var validator = fixture.CreateValidator(store);
        using var spans = new RecordedActivities();

        var validate = async () => await validator.ValidateAsync(fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource);

        await validate.Should().ThrowAsync<TimeoutException>();
        fixture.Metrics.Of(IntegrationsMetrics.OAuthValidations).Should().ContainSingle()
            .Which.Tags[IntegrationsMetrics.OutcomeTag].Should().Be("exception");
        fixture.Metrics.Of(IntegrationsMetrics.OAuthValidationDuration).Should().ContainSingle();
        spans.Spans.Should().ContainSingle().Which.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Each_validation_is_a_span_tagged_with_flow_outcome_and_integration()
    {
        using var fixture = new ValidatorFixture();
        var integration = await fixture.AddAsync();
        var signed = fixture.Sign(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl }, integration);
        using var spans = new RecordedActivities();

        (await fixture.ValidateAsync(signed)).Succeeded.Should().BeTrue();
        (await fixture.ValidateAsync(signed)).Succeeded.Should().BeFalse();

        spans.Spans.Should().HaveCount(2).And.OnlyContain(s => s.OperationName == "integrations.oauth.validate"
            && (string?)s.GetTagItem(IntegrationsMetrics.FlowTag) == "protected_resource");
        var (accepted, replayed) = (spans.Spans[0], spans.Spans[1]);
        accepted.GetTagItem(IntegrationsMetrics.OutcomeTag).Should().Be("accepted");
        accepted.GetTagItem(IntegrationsActivitySource.IntegrationIdTag).Should().Be(integration.Integration.Id);
        accepted.Status.Should().Be(ActivityStatusCode.Unset);
        replayed.GetTagItem(IntegrationsMetrics.OutcomeTag).Should().Be("nonce_used");
        replayed.Status.Should().Be(ActivityStatusCode.Error);
        replayed.StatusDescription.Should().Be("nonce_used");
        spans.Spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString())
            .Should().NotContain(v => v!.Contains(integration.ConsumerKey) || v.Contains(integration.Token!));
    }

    [Fact]
    public void Each_acl_decision_is_counted_by_outcome()
    {
        using var acl = new AclSetup(AclSetup.Shop);

        acl.Provider.Authorize(AclIntegrations.Active(ResourceAccess.All), [AclSetup.Orders]);
        acl.Provider.Authorize(AclIntegrations.Active(ResourceAccess.Custom, AclSetup.Products), [AclSetup.Orders]);
        acl.Provider.Authorize(null, [AclSetup.Products]);

        acl.Metrics.Of(IntegrationsMetrics.AclDecisions).Select(m => m.Tags[IntegrationsMetrics.OutcomeTag])
            .Should().Equal("granted", "resources_not_granted", "guest_access_disabled");
    }

    [Fact]
    public async Task A_refused_callback_post_is_counted_with_its_reason()
    {
        using var metrics = new RecordedMetrics();
        using var http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var poster = new CallbackCredentialPoster(
            http.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new ActivationOptions { StoreBaseUrl = new Uri("https://shop.example.com/") }),
            TimeProvider.System,
            metrics.Metrics,
            NullLogger<CallbackCredentialPoster>.Instance);

        var post = () => poster.PostAsync(new Uri("http://erp.example.com/callback"), new CallbackCredentials("ck", "cs", "verifier"));

        (await post.Should().ThrowAsync<CallbackPostException>()).Which.Failure.Should().Be(CallbackFailure.InsecureUrl);
        metrics.Of(IntegrationsMetrics.CallbackPosts).Should().ContainSingle()
            .Which.Tags[IntegrationsMetrics.OutcomeTag].Should().Be("insecure_url");
    }

    [Fact]
    public void Validations_are_timed_only_while_something_listens_on_the_hosts_meter()
    {
        using var unobserved = new RecordedMetrics(listen: false);
        using var observed = new RecordedMetrics();

        unobserved.Metrics.ObservesValidations.Should().BeFalse("nobody listens to this host's meter, whoever listens to another's");
        observed.Metrics.ObservesValidations.Should().BeTrue();
    }

    [Fact]
    public void Each_provider_reports_on_its_own_hosts_meter()
    {
        using var metrics = new RecordedMetrics();
        using var acl = new AclSetup(AclSetup.Shop);
        var provider = new ResourceAclProvider(acl.Options, acl.GuestAccess, metrics.Metrics, NullLogger<ResourceAclProvider>.Instance);

        provider.Authorize(AclIntegrations.Active(ResourceAccess.All), [AclSetup.Orders]).IsAllowed.Should().BeTrue();

        metrics.Of(IntegrationsMetrics.AclDecisions).Should().ContainSingle();
        acl.Metrics.Of(IntegrationsMetrics.AclDecisions).Should().BeEmpty();
    }

    [Fact]
    public void AddIntegrations_puts_the_instruments_on_the_hosts_meter_factory()
    {
        using var services = new ServiceCollection()
            .AddIntegrations().UseInMemoryStores().Services
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var published = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == IntegrationsMetrics.MeterName)
                {
                    published.Add(instrument.Name);
                }
            },
        };

        services.GetRequiredService<IntegrationsMetrics>().Should().BeSameAs(services.GetRequiredService<IntegrationsMetrics>());
        listener.Start();

        published.Should().BeEquivalentTo(
            IntegrationsMetrics.OAuthValidations,
            IntegrationsMetrics.OAuthValidationDuration,
            IntegrationsMetrics.AclDecisions,
            IntegrationsMetrics.CallbackPosts,
            IntegrationsMetrics.TokenExchanges,
            IntegrationsMetrics.StorageUnavailable);
    }
}
