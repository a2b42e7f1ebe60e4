using System.Net.Http;
using Integrations.OAuth;

namespace Integrations.Client.Signing;

/// <summary>
/// The provider of a client whose every request carries its own credentials in
/// <see cref="IntegrationsRequestOptions.Credentials"/> (the token exchange, tools and tests that sign with credentials
/// they were just given): it has none of its own, so a request without them is not sent.
/// </summary>
public sealed class PerRequestCredentialsProvider : IOAuthCredentialsProvider
{
    /// <summary>The provider (it holds nothing).</summary>
    public static readonly PerRequestCredentialsProvider Instance = new();

    private PerRequestCredentialsProvider()
    {
    }

    /// <inheritdoc />
    public ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OAuthClientCredentials?>(null);
}
