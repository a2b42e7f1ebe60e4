using Microsoft.Extensions.Options;

namespace Integrations.Client.Onboarding;

/// <summary>Refuses options the receiver cannot work with, at start.</summary>
internal sealed class IntegrationsClientOptionsValidator : IValidateOptions<IntegrationsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsClientOptions options)
    {
        var failures = new List<string>();
        if (options.AllowedStoreBaseUrls.Count == 0 && !options.AcceptAnyStore)
        {
            failures.Add("IntegrationsClientOptions.AllowedStoreBaseUrls is empty: name the shops whose credentials are accepted, or set AcceptAnyStore.");
        }

        foreach (var url in options.AllowedStoreBaseUrls)
        {
            if (url is null || !StoreBaseUrl.IsWebUrl(url))
            {
                failures.Add($"IntegrationsClientOptions.AllowedStoreBaseUrls holds '{url}', which is not an absolute http(s) URL.");
            }
        }

        if (options.MaxCallbackBodyBytes is < 256 or > 1024 * 1024)
        {
            failures.Add("IntegrationsClientOptions.MaxCallbackBodyBytes must be between 256 and 1,048,576.");
        }

        if (options.ExchangeAttemptTimeout <= TimeSpan.Zero || options.ExchangeTimeout < options.ExchangeAttemptTimeout)
        {
            failures.Add("IntegrationsClientOptions.ExchangeAttemptTimeout must be positive and ExchangeTimeout at least as long.");
        }

        if (options.CredentialsCacheLifetime < TimeSpan.Zero)
        {
            failures.Add("IntegrationsClientOptions.CredentialsCacheLifetime must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(options.RequestTokenPath) || string.IsNullOrWhiteSpace(options.AccessTokenPath))
        {
            failures.Add("IntegrationsClientOptions.RequestTokenPath and AccessTokenPath are required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
