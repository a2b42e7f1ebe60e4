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

        // one call's timeout is the resilience pipeline's (10 ms to 24 h); the whole exchange's is a timer, which holds about 49 days
        if (options.ExchangeAttemptTimeout < TimeSpan.FromMilliseconds(10) || options.ExchangeAttemptTimeout > TimeSpan.FromDays(1)
            || options.ExchangeTimeout < options.ExchangeAttemptTimeout || options.ExchangeTimeout > TimeSpan.FromDays(1))
        {
            failures.Add("IntegrationsClientOptions.ExchangeAttemptTimeout must be from 10 ms to 1 day and ExchangeTimeout at least as long, at most 1 day.");
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
