using System.Net.Http;
using Integrations.OAuth;

namespace Integrations.Client.Signing;

/// <summary>The provider of a client whose every request carries its credentials in <see cref="IntegrationsRequestOptions.Credentials"/> (the token exchange).</summary>
internal sealed class ExplicitCredentialsOnly : IOAuthCredentialsProvider
{
    public static readonly ExplicitCredentialsOnly Instance = new();

    public ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OAuthClientCredentials?>(null);
}
