namespace Integrations.Lifecycle;

/// <summary>
/// The credentials of an integration in clear, as shown to an admin ("Integration Tokens for Extensions").
/// <see cref="ToString"/> never prints them.
/// </summary>
/// <param name="ConsumerKey">The consumer key.</param>
/// <param name="ConsumerSecret">The consumer secret.</param>
/// <param name="AccessToken">The access token, or <see langword="null"/> if none is issued yet.</param>
/// <param name="AccessTokenSecret">The access token secret, or <see langword="null"/> if none is issued yet.</param>
public sealed record IntegrationCredentials(string ConsumerKey, string ConsumerSecret, string? AccessToken, string? AccessTokenSecret)
{
    /// <inheritdoc />
    public override string ToString() => $"Credentials of consumer {ConsumerKey} (secrets redacted)";
}
