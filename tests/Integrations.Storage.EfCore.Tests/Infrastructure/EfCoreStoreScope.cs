using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>One unit of work: a new context and the stores over it, as one request of one app instance has.</summary>
internal sealed class EfCoreStoreScope : IStoreScope
{
    private readonly TestDbContext _context;

    public EfCoreStoreScope(TestDatabase database, TimeProvider time)
        : this(database.Options, time)
    {
    }

    public EfCoreStoreScope(DbContextOptions<TestDbContext> options, TimeProvider time)
    {
        _context = new TestDbContext(options);
        Integrations = new EfCoreIntegrationStore<TestDbContext>(_context);
        Nonces = new EfCoreNonceStore<TestDbContext>(_context, time);
    }

    public IIntegrationStore Integrations { get; }

    public INonceStore Nonces { get; }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
