namespace Integrations.Client.Connections;

/// <summary>
/// Where the third party keeps its connections (<see cref="InMemoryIntegrationConnectionStore"/>, or
/// <see cref="EntityFrameworkCore.EfCoreIntegrationConnectionStore{TContext}"/> in the app's database). Secrets arrive
/// and leave encrypted; the store never sees them in clear.
/// </summary>
public interface IIntegrationConnectionStore
{
    /// <summary>Finds the connection of a consumer key.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns>The connection, or <see langword="null"/>.</returns>
    ValueTask<IntegrationConnection?> FindAsync(string consumerKey, CancellationToken cancellationToken);

    /// <summary>Lists every connection, ordered by consumer key.</summary>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns>The connections.</returns>
    ValueTask<IReadOnlyList<IntegrationConnection>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a connection, replacing the one of the same consumer key.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SaveAsync(IntegrationConnection connection, CancellationToken cancellationToken);

    /// <summary>Removes the connection of a consumer key.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns><see langword="true"/> if there was one.</returns>
    ValueTask<bool> DeleteAsync(string consumerKey, CancellationToken cancellationToken);
}
