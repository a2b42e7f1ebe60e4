using System.Data.Common;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// What the stores need to know about one database provider's errors (unique violations, transient failures): its error codes, never the message text (which
/// is localized and changes between versions). One small subclass per provider, chosen by the context's
/// <see cref="Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade.ProviderName"/>: supporting another provider
/// (SQL Server, MySQL) is one more subclass in <see cref="All"/>.
/// </summary>
internal abstract class DatabaseDialect
{
    /// <summary>The dialects of the supported providers.</summary>
    private static readonly DatabaseDialect[] All = [new PostgreSqlDialect(), new SqliteDialect()];

    /// <summary>The EF Core provider this dialect is for (<c>DbContext.Database.ProviderName</c>).</summary>
    public abstract string ProviderName { get; }

    /// <summary>Whether <paramref name="exception"/> is a unique index (or a primary key) refusing a write.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Whether <paramref name="exception"/> may pass by itself (no connection, too many clients, server restarting,
    /// database locked): the provider's own <see cref="DbException.IsTransient"/> unless a dialect knows better.
    /// </summary>
    public virtual bool IsTransient(DbException exception) => exception.IsTransient;

    /// <summary>The dialect of <paramref name="providerName"/>, or <see langword="null"/> for a provider the stores do not know.</summary>
    public static DatabaseDialect? For(string? providerName) =>
        Array.Find(All, dialect => string.Equals(dialect.ProviderName, providerName, StringComparison.Ordinal));
}
