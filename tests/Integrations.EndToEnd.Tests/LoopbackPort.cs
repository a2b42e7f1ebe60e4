using System.Net;
using System.Net.Sockets;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A free TCP port on 127.0.0.1. The shop must know its public address before it starts (it posts it to third
/// parties as <c>store_base_url</c>), so the tests pick the port instead of binding port 0.
/// </summary>
public static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
