using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Core.Tests.OAuth;

/// <summary>An integration store that counts the reads the validator makes and can be made to fail or hang, over a real store.</summary>
internal sealed class ObservedIntegrationStore(IIntegrationStore inner) : IIntegrationStore
{
    public int ConsumerKeyReads { get; private set; }

    public int TokenHashReads { get; private set; }

    /// <summary>Runs before every read: throw to fail it, await to delay it.</summary>
    public Func<CancellationToken, Task>? Fault { get; set; }

    public ValueTask CreateAsync(Integration integration, CancellationToken cancellationToken) => inner.CreateAsync(integration, cancellationToken);

    public ValueTask UpdateAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken) => inner.UpdateAsync(integration, expectedConcurrencyToken, cancellationToken);

    public ValueTask DeleteAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken) => inner.DeleteAsync(integration, expectedConcurrencyToken, cancellationToken);

    public ValueTask<Integration?> FindByIdAsync(Guid id, CancellationToken cancellationToken) => inner.FindByIdAsync(id, cancellationToken);

    public ValueTask<Integration?> FindByNormalizedNameAsync(string normalizedName, CancellationToken cancellationToken) => inner.FindByNormalizedNameAsync(normalizedName, cancellationToken);

    public async ValueTask<Integration?> FindByConsumerKeyAsync(string consumerKey, CancellationToken cancellationToken)
    {
        ConsumerKeyReads++;
        await (Fault?.Invoke(cancellationToken) ?? Task.CompletedTask);
        return await inner.FindByConsumerKeyAsync(consumerKey, cancellationToken);
    }

    public async ValueTask<Integration?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        TokenHashReads++;
        await (Fault?.Invoke(cancellationToken) ?? Task.CompletedTask);
        return await inner.FindByTokenHashAsync(tokenHash, cancellationToken);
    }

    public ValueTask<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);
}
