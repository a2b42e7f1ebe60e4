using System.Data.Common;
using System.Net.Sockets;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// Turns the providers' transient failures (no connection, pool exhausted, too many clients, server restarting, SQLite
/// busy or locked, timeouts) into Core's <see cref="StorageUnavailableException"/>, and runs an operation once more on
/// a fresh connection when a pooled one turns out broken (the server restarted while it was idle).
/// </summary>
internal static class StorageFailures
{
    /// <summary>
    /// Runs <paramref name="operation"/>; a broken connection gets it run once more, and a transient failure becomes a
    /// <see cref="StorageUnavailableException"/>. The retry follows a failure of the connection, which the server
    /// reports before it runs a statement (a statement cut off mid-way may have committed: a nonce it recorded then
    /// reads as used, a refusal, never a false acceptance).
    /// </summary>
    public static async Task<T> RunAsync<T, TState>(DbContext context, TState state, Func<TState, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                return await operation(state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsBrokenConnection(exception) && context.Database.CurrentTransaction is null)
            {
                return await operation(state, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsTransient(context, exception))
        {
            throw new StorageUnavailableException($"The database is unavailable: {Describe(exception)}.", exception);
        }
    }

    /// <summary>Whether the exception, or one it wraps, is a provider failure that may pass by itself.</summary>
    private static bool IsTransient(DbContext context, Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbException database:
                    return DatabaseDialect.For(context.Database.ProviderName)?.IsTransient(database) ?? database.IsTransient;
                case TimeoutException or IOException or SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the connection itself failed: the server ended it (SQLSTATE class 08, 57P01-57P03) or the socket broke.</summary>
    private static bool IsBrokenConnection(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbException { SqlState: { } state }:
                    return state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03";
                case IOException or SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The provider's own words for the failure (its messages hold no password), with its SQLSTATE when it has one.</summary>
    private static string Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
            {
                return database.SqlState is { } state ? $"{state} {database.Message}" : database.Message;
            }
        }

        return exception.Message;
    }
}
