using Microsoft.Extensions.Options;

namespace Integrations.Cleanup;

/// <summary>Validates <see cref="NonceCleanupOptions"/> at start-up.</summary>
internal sealed class NonceCleanupOptionsValidator : IValidateOptions<NonceCleanupOptions>
{
    public ValidateOptionsResult Validate(string? name, NonceCleanupOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromDays(1))
        {
            failures.Add("NonceCleanupOptions.Interval must be between 1 second and 1 day.");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add("NonceCleanupOptions.BatchSize must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
