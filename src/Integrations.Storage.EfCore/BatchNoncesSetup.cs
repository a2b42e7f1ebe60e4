using Integrations.Stores;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.EfCore;

/// <summary>Turns on the group commit of nonces (<see cref="StorageOptions.BatchNonces"/>) for the EF Core stores.</summary>
internal sealed class BatchNoncesSetup : IConfigureOptions<StorageOptions>
{
    public void Configure(StorageOptions options) => options.BatchNonces = true;
}
