using Integrations.Stores;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.InMemory;

/// <summary>The in-memory stores never wait: no bound (and no timer) on their calls (<see cref="StorageOptions.OperationTimeout"/>).</summary>
internal sealed class NeverWaitingStorageSetup : IConfigureOptions<StorageOptions>
{
    public void Configure(StorageOptions options) => options.OperationTimeout = Timeout.InfiniteTimeSpan;
}
