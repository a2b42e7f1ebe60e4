using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A free TCP port on 127.0.0.1. The shop must know its public address before it starts (it posts it to third
/// parties as <c>store_base_url</c>), so the tests pick the port instead of binding port 0. The port is taken below
/// the kernel's ephemeral range (32768-60999 on Linux): a port from that range, free when checked, can be taken by any
/// outgoing connection before the process that was given it binds it (or binds it again after a restart), which
/// failed a run with "address already in use". No port is handed out twice in a test run.
/// </summary>
public static class LoopbackPort
{
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (HandedOut.TryAdd(port, true) && IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last} on 127.0.0.1.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
