using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// The SQL of the nonce batch, built once per model (table and column names as the model maps them) and batch size.
/// The insert is one statement in the syntax PostgreSQL and SQLite share: the batch as a <c>VALUES</c> list, inserted
/// only where the integration holding the consumer key still has the expected concurrency token, with
/// <c>ON CONFLICT ... DO UPDATE ... WHERE expired</c> on the primary key and <c>RETURNING</c> the pairs it recorded.
/// </summary>
internal sealed class NonceStatements
{
    private static readonly ConditionalWeakTable<IModel, NonceStatements> PerModel = [];

    private readonly ConcurrentDictionary<int, string> _inserts = new();
    private readonly ConcurrentDictionary<int, string> _stampReads = new();
    private readonly string _nonceTable;
    private readonly string _nonceTableName;
    private readonly string _integrationTable;
    private readonly string _consumerKey;
    private readonly string _nonce;
    private readonly string _expiresAt;
    private readonly string _integrationConsumerKey;
    private readonly string _concurrencyToken;

    private NonceStatements(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var nonces = Entity<NonceEntity>(context);
        var integrations = Entity<IntegrationEntity>(context);
        _nonceTable = Table(sql, nonces);
        _nonceTableName = sql.DelimitIdentifier(nonces.GetTableName()!);
        _integrationTable = Table(sql, integrations);
        _consumerKey = Column(sql, nonces, nameof(NonceEntity.ConsumerKey));
        _nonce = Column(sql, nonces, nameof(NonceEntity.Nonce));
        _expiresAt = Column(sql, nonces, nameof(NonceEntity.ExpiresAt));
        _integrationConsumerKey = Column(sql, integrations, nameof(IntegrationEntity.ConsumerKey));
        _concurrencyToken = Column(sql, integrations, nameof(IntegrationEntity.ConcurrencyToken));
    }

    /// <summary>The statements for <paramref name="context"/>'s model.</summary>
    public static NonceStatements For(DbContext context) => PerModel.GetValue(context.Model, _ => new NonceStatements(context));

    /// <summary>
    /// The insert of <paramref name="count"/> nonces: parameters <c>@k{i}</c>, <c>@n{i}</c>, <c>@e{i}</c> (expiry, UTC ticks),
    /// <c>@s{i}</c> (expected concurrency token) and <c>@now</c>; returns the consumer key and nonce of each recorded row.
    /// </summary>
    public string Insert(int count) => _inserts.GetOrAdd(count, BuildInsert);

    /// <summary>The read of the current concurrency tokens of <paramref name="count"/> consumer keys (<c>@c{i}</c>).</summary>
    public string ReadStamps(int count) => _stampReads.GetOrAdd(count, BuildStampRead);

    private string BuildInsert(int count)
    {
        var rows = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            rows.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@k{i}, @n{i}, @e{i}, @s{i})");
        }

        // A recorded nonce is replaced only once it has expired; otherwise nothing changes and no row is returned.
        return $"WITH batch (consumer_key, nonce, expires_at, stamp) AS (VALUES {rows}) "
            + $"INSERT INTO {_nonceTable} ({_consumerKey}, {_nonce}, {_expiresAt}) "
            + "SELECT b.consumer_key, b.nonce, b.expires_at FROM batch AS b "
            + $"WHERE EXISTS (SELECT 1 FROM {_integrationTable} AS i WHERE i.{_integrationConsumerKey} = b.consumer_key AND i.{_concurrencyToken} = b.stamp) "
            + $"ON CONFLICT ({_consumerKey}, {_nonce}) DO UPDATE SET {_expiresAt} = excluded.{_expiresAt} "
            + $"WHERE {_nonceTableName}.{_expiresAt} <= @now "
            + $"RETURNING {_consumerKey}, {_nonce}";
    }

    private string BuildStampRead(int count)
    {
        var keys = string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@c{i}")));
        return $"SELECT {_integrationConsumerKey}, {_concurrencyToken} FROM {_integrationTable} WHERE {_integrationConsumerKey} IN ({keys})";
    }

    private static IEntityType Entity<T>(DbContext context) =>
        context.Model.FindEntityType(typeof(T))
        ?? throw new InvalidOperationException($"{context.GetType().Name} has no integrations model: call modelBuilder.ApplyIntegrationsConfiguration() in OnModelCreating.");

    private static string Table(ISqlGenerationHelper sql, IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    private static string Column(ISqlGenerationHelper sql, IEntityType entity, string property) =>
        sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
}
