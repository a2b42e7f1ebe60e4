using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>
/// Validates <see cref="ActivationOptions"/> at start-up: the ranges declared by its attributes (checked by the
/// generated <see cref="ActivationOptionsAttributeValidator"/>), the callback timeout against the exchange window, then the URLs.
/// </summary>
/// <param name="integrations">The host-wide options (<see cref="IntegrationsOptions.TokenExchangeWindow"/>).</param>
internal sealed class ActivationOptionsValidator(IOptions<IntegrationsOptions> integrations) : IValidateOptions<ActivationOptions>
{
    private static readonly ActivationOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, ActivationOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(Attributes.Validate(name, options));

        // the window starts when the credentials are posted: a callback allowed to take longer would leave a third
        // party that asks for its request token from inside its handler (or right after) an exchange already expired
        var window = integrations.Value.TokenExchangeWindow;
        if (options.CallbackTimeout >= window)
        {
            result.AddError($"ActivationOptions.CallbackTimeout ({options.CallbackTimeout.TotalSeconds:0.###} s) must be shorter than IntegrationsOptions.TokenExchangeWindow ({window.TotalSeconds:0.###} s), which starts when the credentials are posted.");
        }
        if (options.StoreBaseUrl is { } store && !IsWebUrl(store))
        {
            result.AddError("ActivationOptions.StoreBaseUrl must be an absolute http or https URL.");
        }

        if (options.SuccessCallbackUrl is { } success && !IsWebUrl(success))
        {
            result.AddError("ActivationOptions.SuccessCallbackUrl must be an absolute http or https URL.");
        }

        return result.Build();
    }

    private static bool IsWebUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Host.Length > 0;
}

/// <summary>Checks the validation attributes of <see cref="ActivationOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class ActivationOptionsAttributeValidator : IValidateOptions<ActivationOptions>;
