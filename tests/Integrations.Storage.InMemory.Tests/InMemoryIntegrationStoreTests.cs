using Integrations.Storage.Specification;

namespace Integrations.Storage.InMemory.Tests;

public sealed class InMemoryIntegrationStoreTests : IntegrationStoreSpecification
{
    private readonly InMemoryNonceStore _nonces;
    private readonly InMemoryIntegrationStore _integrations;

    public InMemoryIntegrationStoreTests()
    {
        _nonces = new InMemoryNonceStore(Time);
        _integrations = new InMemoryIntegrationStore(_nonces);
    }

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new InMemoryStoreScope(_integrations, _nonces));
}
