using Microsoft.Extensions.Options;

namespace Integrations.OAuth;

/// <summary>Validates <see cref="OAuthOptions"/> at start-up.</summary>
internal sealed class OAuthOptionsValidator : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        var failures = new List<string>();
        if (!options.AllowHmacSha1 && !options.AllowHmacSha256)
        {
            failures.Add("OAuthOptions must allow at least one signature method (AllowHmacSha1 or AllowHmacSha256).");
        }

        if (options.TimestampWindow < TimeSpan.FromSeconds(1) || options.TimestampWindow > TimeSpan.FromDays(1))
        {
            failures.Add("OAuthOptions.TimestampWindow must be between 1 second and 1 day.");
        }

        if (options.NonceMinLength < 1 || options.NonceMaxLength > 255 || options.NonceMinLength > options.NonceMaxLength)
        {
            failures.Add("OAuthOptions.NonceMinLength and NonceMaxLength must satisfy 1 <= min <= max <= 255.");
        }

        if (options.PublicBaseUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0))
        {
            failures.Add("OAuthOptions.PublicBaseUrl must be an absolute http or https URL without user info, query or fragment.");
        }

        if (options.KeyCacheLifetime < TimeSpan.Zero || options.KeyCacheLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("OAuthOptions.KeyCacheLifetime must be between zero (no cache) and 1 day.");
        }

        if (options.MaxFormBodyLength < 1024 || options.MaxFormBodyLength > 64 * 1024 * 1024)
        {
            failures.Add("OAuthOptions.MaxFormBodyLength must be between 1 KiB and 64 MiB.");
        }

        if (options.MaxParameterCount < 16 || options.MaxParameterCount > 100_000)
        {
            failures.Add("OAuthOptions.MaxParameterCount must be between 16 and 100,000.");
        }

        if (options.KeyCacheSize < 1 || options.KeyCacheSize > 1_000_000)
        {
            failures.Add("OAuthOptions.KeyCacheSize must be between 1 and 1,000,000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
