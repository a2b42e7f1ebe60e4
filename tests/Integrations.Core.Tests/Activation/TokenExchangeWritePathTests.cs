using Integrations.Activation;
using Integrations.Core.Tests.OAuth;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Activation;

/// <summary>
/// The token exchange changes integrations only through the write path: whether an access token may complete the
/// exchange is the state machine's decision, and a refused exchange stores nothing.
/// </summary>
public sealed class TokenExchangeWritePathTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();
    private readonly TokenExchangeService _exchange;

    public TokenExchangeWritePathTests() =>
        _exchange = new TokenExchangeService(
            _fixture.Validator,
            _fixture.Store,
            _fixture.Protector,
            _fixture.Time,
            Options.Create(new IntegrationsOptions()),
            new IntegrationEventPublisher(new ServiceCollection().BuildServiceProvider(), NullLogger<IntegrationEventPublisher>.Instance),
            _fixture.Metrics.Metrics,
            NullLogger<TokenExchangeService>.Instance,
            _fixture.Availability,
            Options.Create(_fixture.StorageOptions),
            _fixture.Refusals);

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.Inactive)]
    public async Task An_access_token_for_an_integration_the_state_machine_does_not_let_complete_an_exchange_is_refused_and_nothing_is_stored(IntegrationStatus status)
    {
        var integration = await _fixture.AddAsync(status, OAuthTokenType.Request);
        var stored = (await _fixture.Store.FindByIdAsync(integration.Integration.Id, CancellationToken.None))!;
        IntegrationStateMachine.Permits(stored, IntegrationTrigger.CompleteExchange).Should().BeFalse();

        var result = await _exchange.IssueAccessTokenAsync(OAuthValidationResult.Success(stored, stored.Token, new string('v', 32)));

        result.ProblemCode.Should().Be(TokenExchangeProblems.TokenAlreadyUsed.ProblemCode);
        result.Phrase.Should().Be("Token is already being used");
        (await _fixture.Store.FindByIdAsync(stored.Id, CancellationToken.None)).Should().Be(stored);
    }

    [Fact]
    public async Task An_access_token_exchange_allowed_by_the_state_machine_is_saved_active_with_a_new_stamp()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);
        var verifier = new string('v', 32);
        var pending = (await _fixture.Store.FindByIdAsync(integration.Integration.Id, CancellationToken.None))! with
        {
            VerifierHash = CredentialHasher.Hash(verifier),
            ExchangeStartedAt = _fixture.Time.GetUtcNow(),
        };
        await new IntegrationWriter(_fixture.Store).SaveAsync(integration.Integration, null, pending, CancellationToken.None);
        var stored = (await _fixture.Store.FindByIdAsync(pending.Id, CancellationToken.None))!;

        var result = await _exchange.IssueAccessTokenAsync(OAuthValidationResult.Success(stored, stored.Token, verifier));

        result.Succeeded.Should().BeTrue();
        var exchanged = (await _fixture.Store.FindByIdAsync(stored.Id, CancellationToken.None))!;
        exchanged.Status.Should().Be(IntegrationStatus.Active);
        exchanged.Token!.Type.Should().Be(OAuthTokenType.Access);
        exchanged.ConcurrencyToken.Should().NotBe(stored.ConcurrencyToken);
    }

    [Fact]
    public async Task A_request_token_during_a_reauthorize_whose_callback_url_was_removed_is_refused_and_nothing_is_stored()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.Active, OAuthTokenType.Access);
        var reauthorizing = (await _fixture.Store.FindByIdAsync(integration.Integration.Id, CancellationToken.None))! with
        {
            VerifierHash = CredentialHasher.Hash(new string('v', 32)),
            ExchangeStartedAt = _fixture.Time.GetUtcNow(),
            CallbackUrl = null,
        };
        await new IntegrationWriter(_fixture.Store).SaveAsync(integration.Integration, null, reauthorizing, CancellationToken.None);
        var stored = (await _fixture.Store.FindByIdAsync(reauthorizing.Id, CancellationToken.None))!;
        stored.AwaitsExchange.Should().BeTrue();

        var result = await _exchange.IssueRequestTokenAsync(OAuthValidationResult.Success(stored, null, null));

        result.ProblemCode.Should().Be(TokenExchangeProblems.ConsumerKeyExpired.ProblemCode);
        (await _fixture.Store.FindByIdAsync(stored.Id, CancellationToken.None)).Should().Be(stored);
    }
}
