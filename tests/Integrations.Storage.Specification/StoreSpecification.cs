using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.Specification;

/// <summary>The base of the store conformance suite: every store's test project subclasses the suites.</summary>
public abstract class StoreSpecification : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new();

    /// <summary>Opens a new unit of work over the same data (a new DbContext for EF Core).</summary>
    protected abstract ValueTask<IStoreScope> OpenScopeAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs an action in a fresh scope.</summary>
    protected async Task<T> InScopeAsync<T>(Func<IStoreScope, ValueTask<T>> action)
    {
        await using var scope = await OpenScopeAsync();
        return await action(scope);
    }

    /// <summary>Runs an action in a fresh scope.</summary>
    protected async Task InScopeAsync(Func<IStoreScope, ValueTask> action)
    {
        await using var scope = await OpenScopeAsync();
        await action(scope);
    }
}
