using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.OAuth.Validation;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Integrations.Core.Tests.OAuth;

/// <summary>Decision 9: an unsigned access token is accepted only from an Active integration that allows Bearer use.</summary>
public sealed class BearerTokenValidatorTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();
    private readonly BearerTokenValidator _validator;

    public BearerTokenValidatorTests() =>
        _validator = _fixture.CreateBearerValidator(_fixture.Store);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task The_access_token_of_an_active_integration_that_allows_bearer_use_is_accepted()
    {
        var integration = await _fixture.AddAsync(bearerTokenAllowed: true);

        var result = await _validator.ValidateAsync(integration.Token!);

        result.Succeeded.Should().BeTrue();
        result.Integration!.Id.Should().Be(integration.Integration.Id);
        result.Token!.Type.Should().Be(OAuthTokenType.Access);
        _fixture.Metrics.Of(IntegrationsMetrics.OAuthValidations).Should().ContainSingle()
            .Which.Tags.Should().Contain(IntegrationsMetrics.FlowTag, "bearer").And.Contain(IntegrationsMetrics.OutcomeTag, "accepted");
    }

    [Theory]
    [InlineData(IntegrationStatus.Active, OAuthTokenType.Access, false)]
    [InlineData(IntegrationStatus.Inactive, OAuthTokenType.Access, true)]
    [InlineData(IntegrationStatus.PendingExchange, OAuthTokenType.Request, true)]
    public async Task Any_other_holder_gets_the_same_rejection(IntegrationStatus status, OAuthTokenType tokenType, bool bearerTokenAllowed)
    {
        var integration = await _fixture.AddAsync(status, tokenType, bearerTokenAllowed);

        var result = await _validator.ValidateAsync(integration.Token!);

        result.Problem!.Reason.Should().Be(OAuthProblemReason.BearerTokenRejected);
        result.Problem.StatusCode.Should().Be(401);
        result.Problem.Code.Should().Be("token_rejected");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ")]
    [InlineData("0123456789abcdefghijklmnopqrstuv")]
    public async Task Malformed_and_unknown_tokens_get_the_same_rejection(string token)
    {
        (await _validator.ValidateAsync(token)).Problem.Should().BeSameAs(OAuthProblems.BearerTokenRejected);
    }

    [Fact]
    public async Task A_store_that_cannot_answer_gives_a_503_and_is_counted_once_per_request()
    {
        var validator = _fixture.CreateBearerValidator(StoreThrowing(new StorageUnavailableException("The database is unavailable: connection refused.")));

        var result = await validator.ValidateAsync(CredentialGenerator.Create());

        result.Problem!.Reason.Should().Be(OAuthProblemReason.StorageUnavailable);
        result.Problem.StatusCode.Should().Be(503);
        _fixture.Metrics.Of(IntegrationsMetrics.StorageUnavailable).Should().ContainSingle();
    }

    [Fact]
    public async Task A_malformed_token_during_an_outage_does_not_log_the_end_of_the_outage()
    {
        var validator = _fixture.CreateBearerValidator(StoreThrowing(new StorageUnavailableException("The database is unavailable: connection refused.")));

        for (var i = 0; i < 3; i++)
        {
            (await validator.ValidateAsync(CredentialGenerator.Create())).Problem!.Reason.Should().Be(OAuthProblemReason.StorageUnavailable);
            (await validator.ValidateAsync("not-a-token")).Problem!.Reason.Should().Be(OAuthProblemReason.BearerTokenRejected); // no store read
        }

        _fixture.Log.GetSnapshot().Where(r => r.Category == typeof(StorageAvailability).FullName).Select(r => r.Level)
            .Should().Equal([Microsoft.Extensions.Logging.LogLevel.Warning], "the store never answered: one outage, one line, and no recovery");
    }

    [Fact]
    public async Task A_store_failure_propagates_and_is_counted_as_exception()
    {
        var validator = _fixture.CreateBearerValidator(StoreThrowing(new TimeoutException("database down")));

        var validate = async () => await validator.ValidateAsync(CredentialGenerator.Create());

        await validate.Should().ThrowAsync<TimeoutException>();
        _fixture.Metrics.Of(IntegrationsMetrics.OAuthValidations).Should().ContainSingle()
            .Which.Tags.Should().Contain(IntegrationsMetrics.FlowTag, "bearer").And.Contain(IntegrationsMetrics.OutcomeTag, "exception");
    }

    [Fact]
    public async Task The_consumer_key_or_the_token_secret_is_not_a_bearer_token()
    {
        var integration = await _fixture.AddAsync(bearerTokenAllowed: true);

        (await _validator.ValidateAsync(integration.ConsumerKey)).Succeeded.Should().BeFalse();
        (await _validator.ValidateAsync(integration.TokenSecret!)).Succeeded.Should().BeFalse();
        (await _validator.ValidateAsync(integration.ConsumerSecret)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_replaced_access_token_is_refused_at_once()
    {
        var integration = await _fixture.AddAsync(bearerTokenAllowed: true);
        var stored = (await _fixture.Store.FindByIdAsync(integration.Integration.Id, CancellationToken.None))!;
        var newToken = CredentialGenerator.Create();
        var now = _fixture.Time.GetUtcNow();
        await _fixture.Store.UpdateAsync(
            stored with
            {
                Token = new IntegrationToken(OAuthTokenType.Access, CredentialHasher.Hash(newToken), _fixture.Protector.Protect(newToken), _fixture.Protector.Protect(CredentialGenerator.Create()), now),
                ConcurrencyToken = Guid.NewGuid().ToString("N"),
            },
            stored.ConcurrencyToken,
            CancellationToken.None);

        (await _validator.ValidateAsync(integration.Token!)).Succeeded.Should().BeFalse();
        (await _validator.ValidateAsync(newToken)).Succeeded.Should().BeTrue();
    }

    private static IIntegrationStore StoreThrowing(Exception exception)
    {
        var store = Substitute.For<IIntegrationStore>();
#pragma warning disable CA2012 // NSubstitute's Returns receives the ValueTask of the configured call
        store.FindByTokenHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns<ValueTask<Integration?>>(_ => throw exception);
#pragma warning restore CA2012
        return store;
    }
}
