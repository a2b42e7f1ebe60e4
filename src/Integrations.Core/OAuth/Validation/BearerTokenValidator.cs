using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth.Validation;

/// <summary>
/// The <see cref="IBearerTokenValidator"/> over <see cref="IIntegrationStore"/>: the token is looked up by its
/// <see cref="CredentialHasher"/> hash (one store read whatever the outcome) and compared with the stored hash in
/// constant time.
/// </summary>
internal sealed class BearerTokenValidator(
    IIntegrationStore store,
    StorageAvailability availability,
    IOptions<StorageOptions> storage,
    IntegrationsMetrics metrics,
    OAuthRefusalLog refusals) : IBearerTokenValidator
{
    /// <inheritdoc />
    public async ValueTask<OAuthValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        Integration? integration;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(storage.Value.OperationTimeout);
        try
        {
            integration = null;
            if (CredentialGenerator.IsWellFormed(token))
            {
                integration = await store.FindByTokenHashAsync(CredentialHasher.Hash(token), bounded.Token).ConfigureAwait(false);
                availability.Answered(); // only a store that answered ends an outage (a malformed token asks it nothing)
            }
        }
        catch (Exception exception) when (exception is StorageUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            availability.Refused(exception);
            metrics.RecordValidation(IntegrationsMetrics.BearerFlow, ValidationOutcome.Of(OAuthProblemReason.StorageUnavailable), start);
            return OAuthValidationResult.Fail(OAuthProblems.StorageUnavailable);
        }
        catch (Exception exception)
        {
            metrics.RecordValidation(IntegrationsMetrics.BearerFlow, IntegrationsMetrics.FailureOutcome(exception), start);
            throw;
        }

        var accepted = integration is { Status: IntegrationStatus.Active, BearerTokenAllowed: true, Token: { Type: OAuthTokenType.Access } issued }
            && CredentialHasher.Matches(token, issued.Hash);
        var result = accepted
            ? OAuthValidationResult.Success(integration!, integration!.Token)
            : OAuthValidationResult.Fail(OAuthProblems.BearerTokenRejected);
        if (!accepted)
        {
            refusals.BearerRefused(integration?.Id);
        }

        metrics.RecordValidation(IntegrationsMetrics.BearerFlow, ValidationOutcome.Of(result.Problem?.Reason), start);
        return result;
    }
}
