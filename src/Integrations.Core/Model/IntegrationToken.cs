namespace Integrations.Model;

/// <summary>
/// The token an integration currently holds, as persisted. The clear token is never stored: it is found by
/// <see cref="Hash"/> and kept only encrypted in <see cref="ProtectedValue"/> so an admin can reveal it.
/// </summary>
/// <param name="Type">Whether this is a request token or an access token.</param>
/// <param name="Hash">The lookup hash of the token value (see <see cref="Security.CredentialHasher"/>).</param>
/// <param name="ProtectedValue">The token value, encrypted by an <see cref="Security.ISecretProtector"/>.</param>
/// <param name="ProtectedSecret">The token secret, encrypted by an <see cref="Security.ISecretProtector"/>.</param>
/// <param name="IssuedAt">When the token was issued.</param>
public sealed record IntegrationToken(
    OAuthTokenType Type,
    string Hash,
    string ProtectedValue,
    string ProtectedSecret,
    DateTimeOffset IssuedAt)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type} token issued at {IssuedAt:O}";
}
