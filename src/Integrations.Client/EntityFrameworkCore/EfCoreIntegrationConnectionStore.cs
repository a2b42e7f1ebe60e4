using Integrations.Client.Connections;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Client.EntityFrameworkCore;

/// <summary>
/// Keeps connections in the app's <typeparamref name="TContext"/> (SQLite, PostgreSQL, …), whose model applies
/// <see cref="IntegrationConnectionsModelBuilderExtensions.ApplyIntegrationConnectionsConfiguration"/>. Scoped, like the context.
/// </summary>
/// <typeparam name="TContext">The app's context type.</typeparam>
public sealed class EfCoreIntegrationConnectionStore<TContext> : IIntegrationConnectionStore
    where TContext : DbContext
{
    /// <summary>How many times a save is tried when another instance inserted or removed the row meanwhile.</summary>
    private const int MaxSaveAttempts = 3;

    private readonly TContext _context;

    /// <summary>Creates the store on the scope's context.</summary>
    /// <param name="context">The context.</param>
    public EfCoreIntegrationConnectionStore(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    private DbSet<IntegrationConnectionEntity> Rows => _context.Set<IntegrationConnectionEntity>();

    /// <inheritdoc />
    public async ValueTask<IntegrationConnection?> FindAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        var row = await Rows.AsNoTracking().SingleOrDefaultAsync(e => e.ConsumerKey == consumerKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToConnection(row);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<IntegrationConnection>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await Rows.AsNoTracking().OrderBy(e => e.ConsumerKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToConnection)];
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(IntegrationConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        for (var attempt = 1; ; attempt++)
        {
            var row = await Rows.SingleOrDefaultAsync(e => e.ConsumerKey == connection.ConsumerKey, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new IntegrationConnectionEntity { ConsumerKey = connection.ConsumerKey };
                Rows.Add(row);
            }

            Copy(connection, row);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxSaveAttempts && _context.Database.CurrentTransaction is null)
            {
                // another instance stored this consumer key between the look-up and the insert (the same callback
                // received twice), or removed the row between the look-up and the update: looked up again, the
                // connection replaces (or is inserted as) the row as it is now, as a save does (not inside the host's
                // transaction, which a failed statement may have aborted)
            }
            finally
            {
                _context.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static void Copy(IntegrationConnection connection, IntegrationConnectionEntity row)
    {
        row.StoreBaseUrl = connection.StoreBaseUrl.AbsoluteUri;
        row.ProtectedConsumerSecret = connection.ProtectedConsumerSecret;
        row.ProtectedAccessToken = connection.ProtectedAccessToken;
        row.ProtectedAccessTokenSecret = connection.ProtectedAccessTokenSecret;
        row.ConnectedAtUtcTicks = connection.ConnectedAt.UtcTicks;
        row.AuthorizedAtUtcTicks = connection.AuthorizedAt.UtcTicks;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        return await Rows.Where(e => e.ConsumerKey == consumerKey).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static IntegrationConnection ToConnection(IntegrationConnectionEntity row) => new()
    {
        ConsumerKey = row.ConsumerKey,
        StoreBaseUrl = new Uri(row.StoreBaseUrl),
        ProtectedConsumerSecret = row.ProtectedConsumerSecret,
        ProtectedAccessToken = row.ProtectedAccessToken,
        ProtectedAccessTokenSecret = row.ProtectedAccessTokenSecret,
        ConnectedAt = new DateTimeOffset(row.ConnectedAtUtcTicks, TimeSpan.Zero),
        AuthorizedAt = new DateTimeOffset(row.AuthorizedAtUtcTicks, TimeSpan.Zero),
    };
}
