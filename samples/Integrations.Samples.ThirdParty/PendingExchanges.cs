using System.Threading.Channels;

namespace Integrations.Samples.ThirdParty;

/// <summary>Connections waiting for their token exchange; the callback answers the shop at once and queues here.</summary>
public sealed class PendingExchanges
{
    private readonly Channel<ShopConnection> channel = Channel.CreateUnbounded<ShopConnection>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a connection whose credentials just arrived.</summary>
    /// <param name="connection">The connection.</param>
    public void Enqueue(ShopConnection connection) => channel.Writer.TryWrite(connection);

    /// <summary>The queued connections, as they come.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The connections.</returns>
    public IAsyncEnumerable<ShopConnection> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
