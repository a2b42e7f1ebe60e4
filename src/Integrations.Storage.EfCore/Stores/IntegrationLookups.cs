using System.Runtime.CompilerServices;
using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// The integration lookups as EF compiled queries: a call neither builds nor hashes an expression tree, it binds the
/// parameter and runs the plan. They run on every signed request (consumer key) and every failed one (token hash).
/// EF binds a compiled query to the first model it runs against, and one context type can carry several models (one
/// per provider, say), so there is one set per model. Untracked, the token row included.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
internal sealed class IntegrationLookups<TContext>
    where TContext : DbContext
{
    private static readonly ConditionalWeakTable<IModel, IntegrationLookups<TContext>> PerModel = [];

    private IntegrationLookups()
    {
    }

    public Func<TContext, Guid, CancellationToken, Task<IntegrationEntity?>> ById { get; } =
        EF.CompileAsyncQuery((TContext context, Guid id, CancellationToken _) =>
            context.Set<IntegrationEntity>().AsNoTracking().Include(e => e.Token).SingleOrDefault(e => e.Id == id));

    public Func<TContext, string, CancellationToken, Task<IntegrationEntity?>> ByNormalizedName { get; } =
        EF.CompileAsyncQuery((TContext context, string normalizedName, CancellationToken _) =>
            context.Set<IntegrationEntity>().AsNoTracking().Include(e => e.Token).SingleOrDefault(e => e.NormalizedName == normalizedName));

    public Func<TContext, string, CancellationToken, Task<IntegrationEntity?>> ByConsumerKey { get; } =
        EF.CompileAsyncQuery((TContext context, string consumerKey, CancellationToken _) =>
            context.Set<IntegrationEntity>().AsNoTracking().Include(e => e.Token).SingleOrDefault(e => e.ConsumerKey == consumerKey));

    public Func<TContext, string, CancellationToken, Task<IntegrationEntity?>> ByTokenHash { get; } =
        EF.CompileAsyncQuery((TContext context, string tokenHash, CancellationToken _) =>
            context.Set<IntegrationEntity>().AsNoTracking().Include(e => e.Token).SingleOrDefault(e => e.Token != null && e.Token.Hash == tokenHash));

    /// <summary>The lookups compiled for <paramref name="context"/>'s model.</summary>
    public static IntegrationLookups<TContext> For(TContext context) => PerModel.GetValue(context.Model, static _ => new IntegrationLookups<TContext>());
}
