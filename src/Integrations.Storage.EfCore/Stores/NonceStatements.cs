using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// The SQL of the nonce batch, built once per model (table and column names as the model maps them) and batch size:
/// the insert written by the provider's <see cref="DatabaseDialect.NonceBatchInsert"/> (one text for any batch size), and the read of the current
/// concurrency tokens that tells a replay from a changed integration.
/// </summary>
internal sealed class NonceStatements
{
    private static readonly ConditionalWeakTable<IModel, NonceStatements> PerModel = [];

    private readonly ConcurrentDictionary<int, string> _stampReads = new();

    private readonly string _integrationTable;
    private readonly string _integrationConsumerKey;
    private readonly string _concurrencyToken;

    private NonceStatements(DbContext context)
    {
        Dialect = DatabaseDialect.For(context.Database.ProviderName)
            ?? throw new NotSupportedException($"The integrations nonce store has no SQL dialect for the provider {context.Database.ProviderName}: SQLite and PostgreSQL are supported.");
        var sql = context.GetService<ISqlGenerationHelper>();
        var nonces = Entity<NonceEntity>(context);
        var integrations = Entity<IntegrationEntity>(context);
        _integrationTable = Table(sql, integrations);
        _integrationConsumerKey = Column(sql, integrations, nameof(IntegrationEntity.ConsumerKey));
        _concurrencyToken = Column(sql, integrations, nameof(IntegrationEntity.ConcurrencyToken));
        var names = new Names(
            Table(sql, nonces),
            sql.DelimitIdentifier(nonces.GetTableName()!),
            Column(sql, nonces, nameof(NonceEntity.IntegrationId)),
            Column(sql, nonces, nameof(NonceEntity.NonceKey)),
            Column(sql, nonces, nameof(NonceEntity.ExpiresAt)),
            _integrationTable,
            Column(sql, integrations, nameof(IntegrationEntity.Id)),
            _integrationConsumerKey,
            _concurrencyToken);
        Insert = Dialect.NonceBatchInsert(names);
    }

    /// <summary>The provider's dialect, which writes the insert and binds its parameters.</summary>
    public DatabaseDialect Dialect { get; }

    /// <summary>The statements for <paramref name="context"/>'s model.</summary>
    public static NonceStatements For(DbContext context) => PerModel.GetValue(context.Model, _ => new NonceStatements(context));

    /// <summary>The insert of a batch (<see cref="DatabaseDialect.NonceBatchInsert"/>), the same text for any batch size.</summary>
    public string Insert { get; }

    /// <summary>The read of the current concurrency tokens of <paramref name="count"/> consumer keys (<c>@c{i}</c>).</summary>
    public string ReadStamps(int count) => _stampReads.GetOrAdd(count, BuildStampRead);

    private string BuildStampRead(int count)
    {
        var keys = string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@c{i}")));
        return $"SELECT {_integrationConsumerKey}, {_concurrencyToken} FROM {_integrationTable} WHERE {_integrationConsumerKey} IN ({keys})";
    }

    /// <summary>The delimited names the nonce statements use (the nonce table also unqualified, as upserts refer to it).</summary>
    internal sealed record Names(
        string NonceTable,
        string NonceTableName,
        string IntegrationId,
        string NonceKey,
        string ExpiresAt,
        string IntegrationTable,
        string IntegrationTableId,
        string IntegrationConsumerKey,
        string ConcurrencyToken);

    private static IEntityType Entity<T>(DbContext context) =>
        context.Model.FindEntityType(typeof(T))
        ?? throw new InvalidOperationException($"{context.GetType().Name} has no integrations model: call modelBuilder.ApplyIntegrationsConfiguration() in OnModelCreating.");

    private static string Table(ISqlGenerationHelper sql, IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    private static string Column(ISqlGenerationHelper sql, IEntityType entity, string property) =>
        sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
}
