using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>
/// Validates <see cref="ActivationOptions"/> at start-up: the ranges declared by its attributes (checked by the
/// generated <see cref="ActivationOptionsAttributeValidator"/>), then the URLs.
/// </summary>
internal sealed class ActivationOptionsValidator : IValidateOptions<ActivationOptions>
{
    private static readonly ActivationOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, ActivationOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(Attributes.Validate(name, options));
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
