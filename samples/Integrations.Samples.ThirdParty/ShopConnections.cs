using System.Collections.Concurrent;

namespace Integrations.Samples.ThirdParty;

/// <summary>The third party's credential store: one connection per consumer key (in memory; a real app uses its database).</summary>
public sealed class ShopConnections
{
    private readonly ConcurrentDictionary<string, ShopConnection> connections = new(StringComparer.Ordinal);

    /// <summary>Every connection, newest consumer key order not guaranteed.</summary>
    public IReadOnlyCollection<ShopConnection> All => connections.Values.ToArray();

    /// <summary>Finds the connection of a consumer key.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The connection, or <see langword="null"/>.</returns>
    public ShopConnection? Find(string consumerKey) => connections.GetValueOrDefault(consumerKey);

    /// <summary>Stores a connection, replacing the one of the same consumer key.</summary>
    /// <param name="connection">The connection.</param>
    public void Save(ShopConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connections[connection.ConsumerKey] = connection;
    }

    /// <summary>
    /// Replaces <paramref name="current"/> by <paramref name="updated"/> unless the shop posted new credentials
    /// meanwhile (a reauthorization), which then win.
    /// </summary>
    /// <param name="current">The connection as it was read.</param>
    /// <param name="updated">The connection to store.</param>
    /// <returns>Whether it was stored.</returns>
    public bool TryUpdate(ShopConnection current, ShopConnection updated)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        return connections.TryUpdate(current.ConsumerKey, updated, current);
    }
}
