using Integrations.Storage.InMemory;
using Integrations.Storage.Specification;
using Integrations.Stores;

namespace Integrations.Storage.InMemory.Tests;

/// <summary>In-memory stores are singletons: every scope sees the same instances.</summary>
internal sealed class InMemoryStoreScope(InMemoryIntegrationStore integrations, InMemoryNonceStore nonces) : IStoreScope
{
    public IIntegrationStore Integrations => integrations;

    public INonceStore Nonces => nonces;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
