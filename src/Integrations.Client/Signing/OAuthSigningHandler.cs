using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using Integrations.Client.Errors;
using Integrations.OAuth;

namespace Integrations.Client.Signing;

/// <summary>
/// Signs every outgoing request with OAuth 1.0a (RFC 5849) through Core's <see cref="IOAuthSigner"/>: sets the
/// <c>Authorization: OAuth …</c> header (HMAC-SHA1 or HMAC-SHA256, the realm when the credentials carry one), with the
/// query parameters and, for an <c>application/x-www-form-urlencoded</c> body, the form parameters in the signature;
/// other bodies (JSON, …) are neither read nor signed. Each pass signs anew (fresh nonce and timestamp), so a retry
/// handler placed before this one never replays a nonce. A 401 answer becomes an <see cref="OAuthRejectedException"/>
/// unless <see cref="OAuthSigningOptions.ThrowOnRejection"/> is off. Registered by
/// <see cref="OAuthSigningHttpClientBuilderExtensions.AddIntegrationsOAuthSigning(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder)"/>.
/// </summary>
public sealed class OAuthSigningHandler : DelegatingHandler
{
    private readonly string _clientName;
    private readonly IOAuthCredentialsProvider _credentials;
    private readonly IOAuthSigner _signer;
    private readonly bool _throwOnRejection;

    /// <summary>Creates the handler.</summary>
    /// <param name="clientName">The name of the client it signs for (passed to <paramref name="credentials"/>).</param>
    /// <param name="credentials">Gives the credentials of each request.</param>
    /// <param name="signer">Core's signer (its clock gives the timestamps; nonces come from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>).</param>
    /// <param name="options">The client's options.</param>
    public OAuthSigningHandler(string clientName, IOAuthCredentialsProvider credentials, IOAuthSigner signer, OAuthSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        _clientName = clientName;
        _credentials = credentials;
        _signer = signer;
        _throwOnRejection = options.ThrowOnRejection;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (_throwOnRejection && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            using (response)
            {
                var rejection = await OAuthRejection.ReadAsync(response, _signer, cancellationToken).ConfigureAwait(false);
                throw new OAuthRejectedException(rejection!);
            }
        }

        return response;
    }

    /// <summary>Sets the request's <c>Authorization</c> header (replacing any); what <see cref="SendAsync"/> does before sending.</summary>
    /// <param name="request">The request, with an absolute URL.</param>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns>A task that completes when the request is signed.</returns>
    /// <exception cref="OAuthCredentialsMissingException">The provider has no credentials for the request.</exception>
    /// <exception cref="ArgumentException">The request cannot be signed (relative URL, <c>oauth_*</c> parameters already in its query or body, …).</exception>
    public async ValueTask SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } url)
        {
            throw new ArgumentException("Only a request with an absolute URL can be signed (set the HttpClient's BaseAddress).", nameof(request));
        }

        var credentials = request.Options.TryGetValue(IntegrationsRequestOptions.Credentials, out var given)
            ? given
            : await _credentials.GetCredentialsAsync(_clientName, request, cancellationToken).ConfigureAwait(false)
              ?? throw new OAuthCredentialsMissingException($"No OAuth credentials were found to sign {request.Method} {url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)} for the HTTP client '{_clientName}'.");

        byte[]? rented = null;
        try
        {
            var wire = new OAuthWireRequest { Method = request.Method.Method, Url = WireUrl(request, url) };
            if (FormBody.IsForm(request.Content))
            {
                (rented, var length) = await FormBody.ReadAsync(request.Content!, cancellationToken).ConfigureAwait(false);
                wire = wire with { ContentType = FormBody.MediaType, Body = rented.AsMemory(0, length) };
            }

            var header = _signer.CreateAuthorizationHeader(wire, credentials);
            request.Headers.Authorization = null;
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The URL as the shop receives the request: the authority of a <c>Host</c> header the request sets (a virtual
    /// host reached by address), else the URL's, with an internationalized host name in its ASCII form
    /// (<c>xn--bcher-kva.example</c> for <c>bücher.example</c>), as HttpClient sends it.
    /// </summary>
    internal static string WireUrl(HttpRequestMessage request, Uri url)
    {
        if (request.Headers.Host is { Length: > 0 } host)
        {
            return string.Concat(url.Scheme, Uri.SchemeDelimiter, host, url.PathAndQuery);
        }

        return url.HostNameType == UriHostNameType.Dns && !Ascii.IsValid(url.Host)
            ? string.Concat(url.Scheme, Uri.SchemeDelimiter, url.IdnHost, url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture), url.PathAndQuery)
            : url.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped); // without user info, which HttpClient never sends
    }
}
