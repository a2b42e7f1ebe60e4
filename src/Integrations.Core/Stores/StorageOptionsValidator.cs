using Microsoft.Extensions.Options;

namespace Integrations.Stores;

/// <summary>
/// Validates <see cref="StorageOptions"/> at start-up: the ranges declared by its attributes (checked by the generated
/// <see cref="StorageOptionsAttributeValidator"/>), then the time spans attributes cannot express (infinite allowed,
/// whole seconds).
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private static readonly StorageOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(Attributes.Validate(name, options));
        // the bound becomes a timer (CancelAfter), which holds at most about 49 days: a day is far beyond any useful wait
        if ((options.OperationTimeout < TimeSpan.FromMilliseconds(100) || options.OperationTimeout > TimeSpan.FromDays(1)) && options.OperationTimeout != Timeout.InfiniteTimeSpan)
        {
            result.AddError($"{nameof(StorageOptions.OperationTimeout)} must be at least 100 ms and at most 1 day (or infinite).");
        }

        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            result.AddError($"{nameof(StorageOptions.RetryAfter)} must be a whole number of seconds, at least 1.");
        }

        return result.Build();
    }
}

/// <summary>Checks the validation attributes of <see cref="StorageOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsAttributeValidator : IValidateOptions<StorageOptions>;
