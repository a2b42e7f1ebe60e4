using System.Collections.Concurrent;

namespace Integrations.Client.Connections;

/// <summary>Keeps connections in process memory (lost at restart): for development, tests and single-instance demos.</summary>
public sealed class InMemoryIntegrationConnectionStore : IIntegrationConnectionStore
{
    private readonly ConcurrentDictionary<string, IntegrationConnection> _connections = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<IntegrationConnection?> FindAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        return ValueTask.FromResult(_connections.GetValueOrDefault(consumerKey));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<IntegrationConnection>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<IntegrationConnection>>([.. _connections.Values.OrderBy(c => c.ConsumerKey, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public ValueTask SaveAsync(IntegrationConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.ConsumerKey] = connection;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        return ValueTask.FromResult(_connections.TryRemove(consumerKey, out _));
    }
}
