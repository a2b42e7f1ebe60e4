using Integrations.Storage.Specification;

namespace Integrations.Storage.InMemory.Tests;

public sealed class InMemoryNonceStoreTests : NonceStoreSpecification
{
    private readonly Func<ValueTask<IStoreScope>> _open;

    public InMemoryNonceStoreTests() => _open = InMemoryStoreScope.Over(Time);

    protected override ValueTask<IStoreScope> OpenScopeAsync() => _open();
}
