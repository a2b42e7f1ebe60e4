using Microsoft.Extensions.Options;

namespace Integrations.OAuth;

/// <summary>
/// Validates <see cref="OAuthOptions"/> at start-up: the ranges declared by its attributes (checked by the generated
/// <see cref="OAuthOptionsAttributeValidator"/>), then the rules attributes cannot express (several settings together,
/// the shape of a URL).
/// </summary>
internal sealed class OAuthOptionsValidator : IValidateOptions<OAuthOptions>
{
    private static readonly OAuthOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        result.AddResult(Attributes.Validate(name, options));
        if (!options.AllowHmacSha1 && !options.AllowHmacSha256)
        {
            result.AddError("OAuthOptions must allow at least one signature method (AllowHmacSha1 or AllowHmacSha256).");
        }

        if (options.NonceMinLength > options.NonceMaxLength)
        {
            result.AddError("OAuthOptions.NonceMinLength must not exceed NonceMaxLength.");
        }

        if (options.PublicBaseUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0))
        {
            result.AddError("OAuthOptions.PublicBaseUrl must be an absolute http or https URL without user info, query or fragment.");
        }

        return result.Build();
    }
}

/// <summary>Checks the validation attributes of <see cref="OAuthOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class OAuthOptionsAttributeValidator : IValidateOptions<OAuthOptions>;
