using System.Data.Common;
using Integrations.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// Recognizes the providers' unique-constraint violations (PostgreSQL SQLSTATE 23505, SQLite error 19 "UNIQUE
/// constraint failed", whose error code is only on the provider type) without referencing a provider, and names the unique value that collided.
/// </summary>
internal static class DatabaseErrors
{
    private const string PostgreSqlUniqueViolation = "23505";

    /// <summary>The Core exception for a write refused by a unique index, or <see langword="null"/> for any other error.</summary>
    public static DuplicateIntegrationException? AsDuplicate(DbUpdateException exception, string name)
    {
        if (exception.InnerException is not DbException database || !IsUniqueViolation(database))
        {
            return null;
        }

        // Both providers name what collided: PostgreSQL the index (ux_integration_normalized_name), SQLite the
        // column (integration.normalized_name).
        var message = database.Message;
        if (message.Contains("normalized_name", StringComparison.Ordinal))
        {
            return DuplicateIntegrationException.ForName(name, exception);
        }

        if (message.Contains("consumer_key", StringComparison.Ordinal))
        {
            return new DuplicateIntegrationException(IntegrationUniqueField.ConsumerKey, "The consumer key is already in use.", exception);
        }

        if (message.Contains("token_hash", StringComparison.Ordinal))
        {
            return new DuplicateIntegrationException(IntegrationUniqueField.Token, "The token is already in use.", exception);
        }

        return null;
    }

    private static bool IsUniqueViolation(DbException exception) =>
        exception.SqlState == PostgreSqlUniqueViolation
        || exception.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
}
