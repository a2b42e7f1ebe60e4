using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>Validates <see cref="ActivationOptions"/> at start-up.</summary>
internal sealed class ActivationOptionsValidator : IValidateOptions<ActivationOptions>
{
    public static readonly TimeSpan MinCallbackTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxCallbackTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ActivationOptions options)
    {
        var failures = new List<string>();
        if (options.CallbackTimeout < MinCallbackTimeout || options.CallbackTimeout > MaxCallbackTimeout)
        {
            failures.Add("ActivationOptions.CallbackTimeout must be between 100 milliseconds and 5 minutes.");
        }

        if (options.StoreBaseUrl is { } store && !IsWebUrl(store))
        {
            failures.Add("ActivationOptions.StoreBaseUrl must be an absolute http or https URL.");
        }

        if (options.SuccessCallbackUrl is { } success && !IsWebUrl(success))
        {
            failures.Add("ActivationOptions.SuccessCallbackUrl must be an absolute http or https URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWebUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Host.Length > 0;
}
