namespace Integrations.OAuth;

/// <summary>
/// Authenticates an access token sent without a signature, as <c>Authorization: Bearer &lt;token&gt;</c> (product
/// decision 9): accepted only for the current access token of an Active integration whose
/// <see cref="Model.Integration.BearerTokenAllowed"/> is on. Whether a host accepts Bearer tokens at all is the host's
/// switch (the ASP.NET Core adapter's <c>AllowBearerTokens</c>); the ACL applies as for signed requests.
/// </summary>
public interface IBearerTokenValidator
{
    /// <summary>Validates a token. Never throws for malformed input: every rejection is a result.</summary>
    /// <param name="token">The token as sent (without the <c>Bearer</c> scheme).</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>
    /// The integration and its access token on success; otherwise <see cref="OAuthProblemReason.BearerTokenRejected"/>,
    /// the same problem whether the token is malformed, unknown, revoked, not an access token, of an inactive
    /// integration or of one that does not allow Bearer use.
    /// </returns>
    ValueTask<OAuthValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default);
}
