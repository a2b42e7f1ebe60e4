using System.Data.Common;
using System.Net.Sockets;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// Runs the stores' operations on a connection opened beforehand, and turns the providers' transient failures (no connection, pool exhausted, too many clients, server restarting, SQLite
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
                return await RunOnOpenConnectionAsync(context, state, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsBrokenConnection(exception) && context.Database.CurrentTransaction is null)
            {
                return await RunOnOpenConnectionAsync(context, state, operation, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken) && IsTransient(context, exception))
        {
            throw new StorageUnavailableException($"The database is unavailable: {Describe(exception)}.", exception);
        }
    }

    /// <summary>
    /// Opens the connection first, telling EF that errors are expected: a database that is down is then one
    /// <see cref="StorageUnavailableException"/> for the request path to report, not an error line (with its stack trace)
    /// from EF's own logging per request. Nested opens (a host transaction, a retry) are counted by EF and balanced here.
    /// </summary>
    private static async Task<T> RunOnOpenConnectionAsync<T, TState>(DbContext context, TState state, Func<TState, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var connection = context.GetService<IRelationalConnection>();
        await connection.OpenAsync(cancellationToken, errorsExpected: true).ConfigureAwait(false);
        try
        {
            return await operation(state, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether the caller's own cancellation stopped the operation (PostgreSQL then reports 57014, which is also its timeout).</summary>
    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

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
