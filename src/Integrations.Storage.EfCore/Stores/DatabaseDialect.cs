using System.Data.Common;
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
    /// One statement, the same text for any batch size (so it is compiled or prepared once per connection), that records
    /// a batch of nonces: each row only if the integration holding its consumer key still has the row's concurrency
    /// token, and only if its nonce is not recorded or has expired; it returns the consumer key and nonce of every row
    /// it recorded. <see cref="BindNonceBatch"/> binds its parameters.
    /// </summary>
    public abstract string NonceBatchInsert(NonceStatements.Names names);

    /// <summary>
    /// Binds the parameters of <see cref="NonceBatchInsert"/> for <paramref name="records"/> and their
    /// <paramref name="keys"/> (<see cref="NonceKey.Of"/>), replacing those of an earlier batch.
    /// </summary>
    public abstract void BindNonceBatch(DbCommand command, IReadOnlyList<NonceRecord> records, Guid[] keys, long nowTicks);

    /// <summary>Whether the nonce batch insert is prepared explicitly on <paramref name="connection"/>.</summary>
    public virtual bool PreparesNonceBatch(DbConnection connection) => false;

    /// <summary>
    /// The upsert PostgreSQL and SQLite share, reading the batch from <paramref name="batchSource"/> (a <c>FROM</c> item
    /// named <c>b</c> with the columns <c>consumer_key</c>, <c>nonce_key</c>, <c>expires_at</c> and <c>stamp</c>), and
    /// <c>@now</c> (UTC ticks): <c>INSERT ... SELECT ... FROM batch, integration WHERE (unchanged integration) ON CONFLICT
    /// DO UPDATE ... WHERE expired RETURNING nonce_key</c>. The join takes the integration's id and drops the rows of
    /// changed integrations (a comma join with a <c>WHERE</c>, as SQLite needs before an upsert's <c>ON</c>). A recorded
    /// nonce is replaced only once it has expired; otherwise nothing changes and no row is returned.
    /// </summary>
    protected static string Upsert(NonceStatements.Names names, string batchSource) =>
        $"INSERT INTO {names.NonceTable} ({names.IntegrationId}, {names.NonceKey}, {names.ExpiresAt}) "
        + $"SELECT i.{names.IntegrationTableId}, b.nonce_key, b.expires_at FROM {batchSource}, {names.IntegrationTable} AS i "
        + $"WHERE i.{names.IntegrationConsumerKey} = b.consumer_key AND i.{names.ConcurrencyToken} = b.stamp "
        + $"ON CONFLICT ({names.IntegrationId}, {names.NonceKey}) DO UPDATE SET {names.ExpiresAt} = excluded.{names.ExpiresAt} "
        + $"WHERE {names.NonceTableName}.{names.ExpiresAt} <= @now "
        + $"RETURNING {names.NonceKey}";

    /// <summary>Sets a parameter whose type the provider infers from the value, adding it on the first batch.</summary>
    protected static void SetParameter(DbCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
        else
        {
            AddParameter(command, name, value);
        }
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
