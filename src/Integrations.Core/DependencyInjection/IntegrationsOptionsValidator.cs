using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Validates <see cref="IntegrationsOptions"/> at start-up.</summary>
internal sealed class IntegrationsOptionsValidator : IValidateOptions<IntegrationsOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsOptions options)
    {
        if (options.TokenExchangeWindow < TimeSpan.FromSeconds(1) || options.TokenExchangeWindow > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("IntegrationsOptions.TokenExchangeWindow must be between 1 second and 1 day.");
        }

        return ValidateOptionsResult.Success;
    }
}
