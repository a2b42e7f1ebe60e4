using Integrations.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin;

/// <summary>Refuses options the admin cannot work with, at start.</summary>
internal sealed class IntegrationsAdminOptionsValidator : IValidateOptions<IntegrationsAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsAdminOptions options)
    {
        var failures = new List<string>();
        if (options.Layout is { } layout && !typeof(LayoutComponentBase).IsAssignableFrom(layout))
        {
            failures.Add($"IntegrationsAdminOptions.Layout must be a LayoutComponentBase; {layout} is not.");
        }

        if (options.LockoutFailures < 1)
        {
            failures.Add("IntegrationsAdminOptions.LockoutFailures must be at least 1.");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("IntegrationsAdminOptions.LockoutDuration must be positive.");
        }

        if (options.MaxConcurrentPasswordChecks < 1 || options.PasswordCheckQueueLimit < 0)
        {
            failures.Add("IntegrationsAdminOptions.MaxConcurrentPasswordChecks must be at least 1 and PasswordCheckQueueLimit not negative.");
        }

        if (options.PageSizes.Count == 0 || options.PageSizes.Any(size => size is < 1 or > IntegrationQuery.MaxPageSize))
        {
            failures.Add($"IntegrationsAdminOptions.PageSizes must list sizes from 1 to {IntegrationQuery.MaxPageSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
