namespace Integrations.OAuth;

/// <summary>
/// Authenticates signed OAuth 1.0a requests against the stored integrations: parses and checks the protocol
/// parameters, finds the consumer and the token, verifies the signature and records the nonce. The rules of each
/// flow are described on <see cref="OAuthFlow"/>; the order of the checks on <c>OAuthRequestValidator</c>.
/// </summary>
public interface IOAuthRequestValidator
{
    /// <summary>Validates a request. Never throws for malformed input: every rejection is a result.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="flow">Which kind of request is expected here.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration and token on success; otherwise the problem.</returns>
    ValueTask<OAuthValidationResult> ValidateAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken = default);
}
