using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Handshake.Tests.Support;

/// <summary>
/// A real store behind a gate that makes a race certain instead of likely: the first <c>participants</c> look-ups
/// that find nothing are held until all of them have looked, so every participant goes on to create.
/// </summary>
internal sealed class StoreOpeningAtOnce(IIntegrationStore inner, int participants) : IIntegrationStore
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async ValueTask<Integration?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await inner.FindByIdAsync(id, cancellationToken);
        if (found is null && !_allArrived.Task.IsCompleted)
        {
            if (Interlocked.Increment(ref _arrived) >= participants)
            {
                _allArrived.TrySetResult();
            }

            await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return found;
    }

    public ValueTask CreateAsync(Integration integration, CancellationToken cancellationToken) => inner.CreateAsync(integration, cancellationToken);

    public ValueTask UpdateAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken) =>
        inner.UpdateAsync(integration, expectedConcurrencyToken, cancellationToken);

    public ValueTask DeleteAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken) =>
        inner.DeleteAsync(integration, expectedConcurrencyToken, cancellationToken);

    public ValueTask<Integration?> FindByNormalizedNameAsync(string normalizedName, CancellationToken cancellationToken) =>
        inner.FindByNormalizedNameAsync(normalizedName, cancellationToken);

    public ValueTask<Integration?> FindByConsumerKeyAsync(string consumerKey, CancellationToken cancellationToken) =>
        inner.FindByConsumerKeyAsync(consumerKey, cancellationToken);

    public ValueTask<Integration?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        inner.FindByTokenHashAsync(tokenHash, cancellationToken);

    public ValueTask<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);
}
