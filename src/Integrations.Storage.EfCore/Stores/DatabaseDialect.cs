using System.Data.Common;
using System.Globalization;
using System.Text;
using Integrations.Stores;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// What the stores need to know about one database provider: its errors (unique violations, transient failures) and its statements: its error codes, never the message text (which
/// is localized and changes between versions), and the SQL EF Core cannot write (the nonce batch). One small subclass per provider, chosen by the context's
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

    /// <summary>
    /// One statement that records <paramref name="count"/> nonces (parameters <c>@k{i}</c> consumer key, <c>@n{i}</c>
    /// nonce, <c>@e{i}</c> expiry in UTC ticks, <c>@s{i}</c> expected concurrency token, and <c>@now</c>): each row only
    /// if the integration holding its consumer key still has that concurrency token, and only if its nonce is not
    /// recorded or has expired; it returns the consumer key and nonce of every row it recorded. The default is the
    /// syntax PostgreSQL and SQLite share (a <c>VALUES</c> list, <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE</c>,
    /// <c>RETURNING</c>); a provider without it (SQL Server's <c>MERGE ... OUTPUT</c>) writes its own.
    /// </summary>
    public virtual string NonceBatchInsert(NonceStatements.Names names, int count)
    {
        var rows = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            rows.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@k{i}, @n{i}, @e{i}, @s{i})");
        }

        // A recorded nonce is replaced only once it has expired; otherwise nothing changes and no row is returned.
        return $"WITH batch (consumer_key, nonce, expires_at, stamp) AS (VALUES {rows}) "
            + $"INSERT INTO {names.NonceTable} ({names.ConsumerKey}, {names.Nonce}, {names.ExpiresAt}) "
            + "SELECT b.consumer_key, b.nonce, b.expires_at FROM batch AS b "
            + $"WHERE EXISTS (SELECT 1 FROM {names.IntegrationTable} AS i WHERE i.{names.IntegrationConsumerKey} = b.consumer_key AND i.{names.ConcurrencyToken} = b.stamp) "
            + $"ON CONFLICT ({names.ConsumerKey}, {names.Nonce}) DO UPDATE SET {names.ExpiresAt} = excluded.{names.ExpiresAt} "
            + $"WHERE {names.NonceTableName}.{names.ExpiresAt} <= @now "
            + $"RETURNING {names.ConsumerKey}, {names.Nonce}";
    }

    /// <summary>Whether the nonce batch insert is prepared on <paramref name="connection"/> (worth it when its text does not depend on the batch size).</summary>
    public virtual bool PreparesNonceBatch(DbConnection connection) => false;

    /// <summary>Binds the parameters of <see cref="NonceBatchInsert"/> for <paramref name="records"/>.</summary>
    public virtual void BindNonceBatch(DbCommand command, IReadOnlyList<NonceRecord> records, long nowTicks)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            AddParameter(command, string.Create(CultureInfo.InvariantCulture, $"@k{i}"), record.ConsumerKey);
            AddParameter(command, string.Create(CultureInfo.InvariantCulture, $"@n{i}"), record.Nonce);
            AddParameter(command, string.Create(CultureInfo.InvariantCulture, $"@e{i}"), record.ExpiresAt.UtcTicks);
            AddParameter(command, string.Create(CultureInfo.InvariantCulture, $"@s{i}"), record.IntegrationConcurrencyToken);
        }

        AddParameter(command, "@now", nowTicks);
    }

    /// <summary>Adds a parameter whose type the provider infers from the value.</summary>
    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The dialect of <paramref name="providerName"/>, or <see langword="null"/> for a provider the stores do not know.</summary>
    public static DatabaseDialect? For(string? providerName) =>
        Array.Find(All, dialect => string.Equals(dialect.ProviderName, providerName, StringComparison.Ordinal));
}
