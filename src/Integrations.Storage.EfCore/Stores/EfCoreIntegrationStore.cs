using System.Transactions;
using Integrations.Model;
using Integrations.Storage.EfCore.Entities;
using Integrations.Storage.EfCore.Mapping;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// An <see cref="IIntegrationStore"/> over the host's <typeparamref name="TContext"/> (whose model applies
/// <see cref="IntegrationsModelBuilderExtensions.ApplyIntegrationsConfiguration(ModelBuilder)"/>). Unique values are enforced by
/// the database's unique indexes and the concurrency token by the <c>WHERE</c> clause of every write, so the rules
/// hold across any number of app instances. Every write is one transaction.
/// </summary>
/// <remarks>
/// Writes call <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> on the host's context: changes the host
/// tracks in the same context are saved with them. The store leaves nothing of its own tracked.
/// </remarks>
/// <typeparam name="TContext">The host's context type.</typeparam>
public sealed class EfCoreIntegrationStore<TContext> : IIntegrationStore
    where TContext : DbContext
{
    /// <summary>The savepoint a write takes in the host's transaction.</summary>
    private const string Savepoint = "integrations_write";

    private readonly TContext _context;

    /// <summary>Creates the store.</summary>
    /// <param name="context">The host's context (one per scope).</param>
    public EfCoreIntegrationStore(TContext context) => _context = context ?? throw new ArgumentNullException(nameof(context));

    private DbSet<IntegrationEntity> Integrations => _context.Set<IntegrationEntity>();

    private IntegrationLookups<TContext> Lookups => IntegrationLookups<TContext>.For(_context);

    /// <inheritdoc />
    public async ValueTask CreateAsync(Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        await StorageFailures.RunAsync(_context, (Store: this, Integration: integration), static (s, ct) => s.Store.CreateCoreAsync(s.Integration, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> CreateCoreAsync(Integration integration, CancellationToken cancellationToken)
    {
        var entity = integration.ToEntity();
        entity.Token = integration.ToTokenEntity();
        Integrations.Add(entity);
        try
        {
            // One SaveChanges is one transaction: the integration and its token are stored together or not at all.
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(_context, exception))
        {
            throw await DatabaseErrors.AsDuplicateAsync(_context, exception, integration, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Detach(entity);
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(expectedConcurrencyToken);
        await InTransactionAsync(
            async ct =>
            {
                // tracked whatever the host's default (a read-mostly host may track nothing by default)
                var entity = await Integrations.AsTracking().Include(e => e.Token).SingleOrDefaultAsync(e => e.Id == integration.Id, ct).ConfigureAwait(false);
                try
                {
                    if (entity is null || entity.ConcurrencyToken != expectedConcurrencyToken)
                    {
                        throw new IntegrationConcurrencyException(integration.Id);
                    }

                    // First the integration row alone: its UPDATE ... WHERE concurrency_token = expected both checks the
                    // token and locks the row, so a concurrent writer waits here and then finds the token changed.
                    integration.CopyTo(entity);
                    _context.Entry(entity).DetectChanges(); // the host may have turned automatic detection off
                    await _context.SaveChangesAsync(ct).ConfigureAwait(false);
                    if (ApplyToken(entity, integration.ToTokenEntity()))
                    {
                        await _context.SaveChangesAsync(ct).ConfigureAwait(false);
                    }
                }
                catch (DbUpdateConcurrencyException exception)
                {
                    throw new IntegrationConcurrencyException(integration.Id, exception);
                }
                catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(_context, exception))
                {
                    throw await DatabaseErrors.AsDuplicateAsync(_context, exception, integration, ct).ConfigureAwait(false);
                }
                finally
                {
                    Detach(entity);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(expectedConcurrencyToken);
        await InTransactionAsync(
            async ct =>
            {
                var id = integration.Id;
                var deleted = await Integrations.Where(e => e.Id == id && e.ConcurrencyToken == expectedConcurrencyToken).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                if (deleted == 0)
                {
                    throw new IntegrationConcurrencyException(id);
                }

                // The foreign key cascades to the token; deleting it explicitly also covers databases created without it.
                await _context.Set<IntegrationTokenEntity>().Where(t => t.IntegrationId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await _context.Set<NonceEntity>().Where(n => n.IntegrationId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Integration?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindAsync(Lookups.ById, id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Integration?> FindByNormalizedNameAsync(string normalizedName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(normalizedName);
        return FindAsync(Lookups.ByNormalizedName, normalizedName, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Integration?> FindByConsumerKeyAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        return FindAsync(Lookups.ByConsumerKey, consumerKey, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Integration?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return FindAsync(Lookups.ByTokenHash, tokenHash, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await StorageFailures.RunAsync(_context, (Store: this, Query: query), static (s, ct) => s.Store.ListCoreAsync(s.Query, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IntegrationPage> ListCoreAsync(IntegrationQuery query, CancellationToken cancellationToken)
    {
        if (query.NameContains?.Contains('\0', StringComparison.Ordinal) == true || query.EmailContains?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return new IntegrationPage([], 0); // no stored text holds a NUL (PostgreSQL refuses one even as a parameter)
        }

        var matches = Read();
        if (query.NameContains is { Length: > 0 } text)
        {
            var normalizedText = text.ToUpperInvariant();
            matches = matches.Where(e => e.NormalizedName.Contains(normalizedText));
        }

        if (query.EmailContains is { Length: > 0 } email)
        {
            // upper() folds ASCII letters only on SQLite, and ß to SS under a PostgreSQL ICU collation: the text as typed
            // also matches as it is
            var normalizedEmail = email.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(): culture-independent there
            matches = matches.Where(e => e.Email != null && (e.Email.ToUpper().Contains(normalizedEmail) || e.Email.Contains(email)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Status is { } status)
        {
            var statusValue = (int)status;
            matches = matches.Where(e => e.Status == statusValue);
        }

        var total = await matches.CountAsync(cancellationToken).ConfigureAwait(false);
        var sorted = query.SortBy switch
        {
            IntegrationSortField.Status => Order(matches, e => e.Status, query.Descending),
            IntegrationSortField.CreatedAt => Order(matches, e => e.CreatedAt, query.Descending),
            IntegrationSortField.UpdatedAt => Order(matches, e => e.UpdatedAt, query.Descending),
#pragma warning disable CA1304, CA1311 // translated to SQL upper(): culture-independent there
            // upper() under "C" folds ASCII letters only, as SQLite's does (under an ICU collation it made ß SS)
            IntegrationSortField.Email when IsPostgreSql => Order(matches, e => EF.Functions.Collate(e.Email ?? "", "C").ToUpper(), query.Descending),
            IntegrationSortField.Email => Order(matches, e => (e.Email ?? "").ToUpper(), query.Descending),
#pragma warning restore CA1304, CA1311
            _ when IsPostgreSql => Order(matches, e => EF.Functions.Collate(e.NormalizedName, "C"), query.Descending),
            _ => Order(matches, e => e.NormalizedName, query.Descending),
        };
        var page = await sorted.ThenBy(e => e.Id).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IntegrationPage(page.ConvertAll(e => e.ToModel()), total);
    }

    private static IOrderedQueryable<IntegrationEntity> Order<TKey>(IQueryable<IntegrationEntity> source, System.Linq.Expressions.Expression<Func<IntegrationEntity, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    /// <summary>
    /// PostgreSQL sorts text by the database's collation, often linguistic (spaces and punctuation ignored): names
    /// are sorted with the "C" collation there, ordinally like SQLite's default and the in-memory store.
    /// </summary>
    private bool IsPostgreSql => _context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private IQueryable<IntegrationEntity> Read() => Integrations.AsNoTracking().Include(e => e.Token);

    private async ValueTask<Integration?> FindAsync<TKey>(Func<TContext, TKey, CancellationToken, Task<IntegrationEntity?>> query, TKey key, CancellationToken cancellationToken)
    {
        var entity = await StorageFailures.RunAsync(_context, (Context: _context, Query: query, Key: key), static (s, ct) => s.Query(s.Context, s.Key, ct), cancellationToken).ConfigureAwait(false);
        return entity?.ToModel();
    }

    /// <summary>Makes the tracked token row match <paramref name="wanted"/>; returns whether anything changed.</summary>
    private bool ApplyToken(IntegrationEntity entity, IntegrationTokenEntity? wanted)
    {
        switch (entity.Token, wanted)
        {
            case (null, null):
                return false;
            case (null, _):
                entity.Token = wanted;
                _context.Add(wanted);
                return true;
            case (_, null):
                _context.Remove(entity.Token);
                return true;
            default:
                entity.Token.Type = wanted.Type;
                entity.Token.Hash = wanted.Hash;
                entity.Token.ProtectedValue = wanted.ProtectedValue;
                entity.Token.ProtectedSecret = wanted.ProtectedSecret;
                entity.Token.IssuedAt = wanted.IssuedAt;
                var token = _context.Entry(entity.Token);
                token.DetectChanges();
                return token.State == EntityState.Modified;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own (through the context's execution strategy, so
    /// retrying strategies work), or within the host's: behind a savepoint in the context's open transaction, or in a
    /// scope joined to an ambient <see cref="TransactionScope"/>, so that a refused write leaves nothing of its own
    /// behind (the ambient transaction is then doomed). Transient failures become <see cref="StorageUnavailableException"/>.
    /// </summary>
    private Task<bool> InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        StorageFailures.RunAsync(_context, (Context: _context, Work: work), static (s, ct) => InTransactionCoreAsync(s.Context, s.Work, ct), cancellationToken);

    private static async Task<bool> InTransactionCoreAsync(TContext context, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is { } hosts)
        {
            await InSavepointAsync(hosts, work, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (Transaction.Current is not null)
        {
            using var joined = new TransactionScope(TransactionScopeOption.Required, TransactionScopeAsyncFlowOption.Enabled);
            await work(cancellationToken).ConfigureAwait(false);
            joined.Complete();
            return true;
        }

        return await context.Database.CreateExecutionStrategy().ExecuteAsync(
            (Context: context, Work: work),
            static async (_, state, ct) =>
            {
                var transaction = await state.Context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await state.Work(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return true;
                }
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task InSavepointAsync(IDbContextTransaction transaction, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (!transaction.SupportsSavepoints)
        {
            await work(cancellationToken).ConfigureAwait(false);
            return;
        }

        await transaction.CreateSavepointAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        try
        {
            await work(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await RollBackQuietlyAsync(transaction).ConfigureAwait(false);
            throw;
        }

        await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls the host's transaction back to <see cref="Savepoint"/>; a connection too broken for that fails the host's commit anyway, so the write's own error is the one to report.</summary>
    private static async Task RollBackQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the write's own exception follows
        }
    }

    private void Detach(IntegrationEntity? entity)
    {
        if (entity is null)
        {
            return;
        }

        if (entity.Token is not null)
        {
            _context.Entry(entity.Token).State = EntityState.Detached;
        }

        _context.Entry(entity).State = EntityState.Detached;
    }
}
