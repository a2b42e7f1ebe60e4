using Microsoft.Extensions.Options;

namespace Integrations.Stores;

/// <summary>Validates <see cref="StorageOptions"/> at start-up.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        List<string>? failures = null;
        if (options.OperationTimeout < TimeSpan.FromMilliseconds(100) && options.OperationTimeout != Timeout.InfiniteTimeSpan)
        {
            (failures ??= []).Add($"{nameof(StorageOptions.OperationTimeout)} must be at least 100 ms (or infinite).");
        }

        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            (failures ??= []).Add($"{nameof(StorageOptions.RetryAfter)} must be a whole number of seconds, at least 1.");
        }

        if (options.MaxNonceBatchSize is < 1 or > 4096)
        {
            (failures ??= []).Add($"{nameof(StorageOptions.MaxNonceBatchSize)} must be between 1 and 4096.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
