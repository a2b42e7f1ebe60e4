using Integrations.Storage.Specification;

namespace Integrations.Storage.InMemory.Tests;

public sealed class InMemoryIntegrationStoreTests : IntegrationStoreSpecification
{
    private readonly Func<ValueTask<IStoreScope>> _open;

    public InMemoryIntegrationStoreTests() => _open = InMemoryStoreScope.Over(Time);

    protected override ValueTask<IStoreScope> OpenScopeAsync() => _open();
}
