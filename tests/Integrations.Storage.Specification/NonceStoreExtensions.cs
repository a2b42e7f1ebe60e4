using Integrations.Stores;

namespace Integrations.Storage.Specification;

/// <summary>One-nonce calls of <see cref="INonceStore.TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/>, as a request without company makes them.</summary>
public static class NonceStoreExtensions
{
    public static async ValueTask<NonceOutcome> TryAddOneAsync(this INonceStore store, Model.Integration integration, string nonce, DateTimeOffset expiresAt) =>
        (await store.TryAddAsync([new NonceRecord(integration.ConsumerKey, nonce, expiresAt, integration.ConcurrencyToken)], default))[0];
}
