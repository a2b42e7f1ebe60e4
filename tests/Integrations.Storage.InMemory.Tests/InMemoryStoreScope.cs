using Integrations.Storage.InMemory;
using Integrations.Storage.Specification;
using Integrations.Stores;

namespace Integrations.Storage.InMemory.Tests;

/// <summary>In-memory stores are singletons: every scope sees the same instances.</summary>
internal sealed class InMemoryStoreScope : IStoreScope
{
    private InMemoryStoreScope(InMemoryNonceStore nonces)
    {
        Nonces = nonces;
        Integrations = new InMemoryIntegrationStore(nonces);
    }

    public IIntegrationStore Integrations { get; }

    public INonceStore Nonces { get; }

    /// <summary>Creates a fresh pair of stores and a factory of scopes over them.</summary>
    public static Func<ValueTask<IStoreScope>> Over(TimeProvider time)
    {
        var scope = new InMemoryStoreScope(new InMemoryNonceStore(time));
        return () => ValueTask.FromResult<IStoreScope>(scope);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
