using Integrations.OAuth.Parameters;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth.Validation;

/// <summary>
/// Rebuilds the origin (scheme, host, port, path prefix) of the URL a client signed from
/// <see cref="OAuthOptions.PublicBaseUrl"/> when it is set. Forwarded headers are not read here: the host adapter
/// hands over the URL as its framework resolved it (in ASP.NET Core, after the host's forwarded-headers middleware,
/// which trusts only the proxies the host lists). Singleton.
/// </summary>
internal sealed class RequestOrigin
{
    private readonly string? _scheme;
    private readonly string? _host;
    private readonly int _port;
    private readonly string? _pathPrefix;

    public RequestOrigin(IOptions<OAuthOptions> options)
    {
        if (options.Value.PublicBaseUrl is { IsAbsoluteUri: true } url)
        {
            _scheme = url.Scheme;
            _host = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;
            _port = url.IsDefaultPort ? -1 : url.Port;
            _pathPrefix = url.AbsolutePath.TrimEnd('/');
        }
    }

    /// <summary>Puts the path of the received URL under the public base URL, when one is set (else leaves the URL as received).</summary>
    public void Apply(RequestParameters parameters)
    {
        if (_scheme is not null)
        {
            parameters.UseUrl(parameters.Url.WithOrigin(_scheme.AsMemory(), _host.AsMemory(), _port, _pathPrefix.AsMemory()));
        }
    }
}
