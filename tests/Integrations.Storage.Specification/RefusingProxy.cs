using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Integrations.Storage.Specification;

/// <summary>
/// An outbound HTTP proxy on loopback that refuses the first tunnel asked of it (502), reached with credentials in its
/// URL's user info, as a host configures one (<c>HTTPS_PROXY=http://user:password@proxy:3128</c>): for tests that the
/// password never reaches a message or a log.
/// </summary>
public sealed class RefusingProxy : IDisposable
{
    /// <summary>The password in <see cref="Url"/>.</summary>
    public const string Password = "proxypassword";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    private RefusingProxy()
    {
        _listener.Start();
        Url = new Uri($"http://proxyuser:{Password}@127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        Served = RefuseOneAsync();
    }

    /// <summary>The proxy's URL, with its user info.</summary>
    public Uri Url { get; }

    /// <summary>Completes once the proxy has refused its first request.</summary>
    public Task Served { get; }

    /// <summary>Starts a proxy.</summary>
    public static RefusingProxy Start() => new();

    /// <summary>A handler that sends every request through this proxy.</summary>
    public SocketsHttpHandler Handler() => new() { UseProxy = true, Proxy = new WebProxy(Url) };

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private async Task RefuseOneAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            read += await stream.ReadAsync(buffer.AsMemory(read));
        }

        await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        await stream.FlushAsync();
    }
}
