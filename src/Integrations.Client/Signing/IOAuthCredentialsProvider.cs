using System.Net.Http;
using Integrations.OAuth;

namespace Integrations.Client.Signing;

/// <summary>
/// Gives the <see cref="OAuthSigningHandler"/> the credentials to sign one outgoing request with. The app implements
/// it (per named client, per tenant, per shop connection: whatever the request tells), so credentials never live in a
/// static. <see cref="Connections.IntegrationConnectionCredentialsProvider"/> is the implementation that reads the
/// connections the onboarding receiver stored.
/// </summary>
/// <remarks>
/// Called once per request (and again for each retry of it), on the request's path: return a cached
/// <see cref="OAuthClientCredentials"/> instance when the credentials have not changed, so signing allocates nothing
/// more than the header.
/// </remarks>
public interface IOAuthCredentialsProvider
{
    /// <summary>Finds the credentials for a request.</summary>
    /// <param name="clientName">The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client sending it (the typed client's type name for a typed client).</param>
    /// <param name="request">The request about to be signed (its <see cref="HttpRequestMessage.Options"/> may name a tenant or connection).</param>
    /// <param name="cancellationToken">A token that can be used to abort the request.</param>
    /// <returns>The credentials, or <see langword="null"/> when there are none for this request (the handler then throws <see cref="OAuthCredentialsMissingException"/>).</returns>
    ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken);
}
