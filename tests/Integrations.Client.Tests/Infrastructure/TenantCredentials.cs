using Integrations.Client.Signing;
using Integrations.Lifecycle;
using Integrations.OAuth;

namespace Integrations.Client.Tests.Infrastructure;

/// <summary>An app's provider that has one set of credentials per tenant, named by the request option <see cref="Tenant"/> (or one for all).</summary>
public sealed class TenantCredentials(IReadOnlyDictionary<string, OAuthClientCredentials> byTenant) : IOAuthCredentialsProvider
{
    public static readonly HttpRequestOptionsKey<string> Tenant = new("tenant");

    public List<string> ClientNames { get; } = [];

    public static OAuthClientCredentials From(IntegrationCredentials issued, OAuthSignatureMethod method = OAuthSignatureMethod.HmacSha256, string? realm = null) => new()
    {
        ConsumerKey = issued.ConsumerKey,
        ConsumerSecret = issued.ConsumerSecret,
        Token = issued.AccessToken,
        TokenSecret = issued.AccessTokenSecret,
        SignatureMethod = method,
        Realm = realm,
    };

    public ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (ClientNames)
        {
            ClientNames.Add(clientName);
        }

        var tenant = request.Options.TryGetValue(Tenant, out var t) ? t : "default";
        return ValueTask.FromResult(byTenant.GetValueOrDefault(tenant));
    }
}
