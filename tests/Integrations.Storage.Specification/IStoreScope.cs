using Integrations.Stores;

namespace Integrations.Storage.Specification;

/// <summary>
/// One unit of work against the store under test (for EF Core: one DbContext, i.e. one request or one app
/// instance). Scopes opened by one fixture share the same data.
/// </summary>
public interface IStoreScope : IAsyncDisposable
{
    IIntegrationStore Integrations { get; }

    INonceStore Nonces { get; }
}
