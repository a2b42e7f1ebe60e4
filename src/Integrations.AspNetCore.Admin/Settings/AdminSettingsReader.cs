using System.Globalization;
using Integrations.Acl;
using Integrations.AspNetCore.Authentication;
using Integrations.Cleanup;
using Integrations.OAuth;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Settings;

/// <summary>
/// Reads the settings panel: guest access from <see cref="IGuestAccessSetting"/>, the rest from the host's options
/// (those of the integrations scheme under the name the host registered it, when it did).
/// </summary>
internal sealed class AdminSettingsReader(
    IGuestAccessSetting guestAccess,
    IOptions<IntegrationsOptions> integrations,
    IOptions<OAuthOptions> oauth,
    IOptions<NonceCleanupOptions> cleanup,
    IOptionsMonitor<IntegrationsAuthenticationOptions> authentication,
    IntegrationsAuthenticationScheme? scheme = null)
{
    public AdminSettings Read()
    {
        var bearer = authentication.Get(scheme?.Name ?? IntegrationsAuthenticationDefaults.AuthenticationScheme).AllowBearerTokens;
        string[] methods = [.. oauth.Value.AllowHmacSha1 ? ["HMAC-SHA1"] : Array.Empty<string>(), .. oauth.Value.AllowHmacSha256 ? ["HMAC-SHA256"] : Array.Empty<string>()];
        return new AdminSettings(
            guestAccess.IsEnabled,
            guestAccess is IGuestAccessSwitch or GuestAccessSetting,
            [
                new("Access tokens usable as standalone Bearer tokens", bearer ? "Yes" : "No", "IntegrationsAuthenticationOptions.AllowBearerTokens"),
                new("Allowed signature methods", string.Join(", ", methods), "OAuthOptions.AllowHmacSha1, OAuthOptions.AllowHmacSha256"),
                new("Token exchange window", Duration(integrations.Value.TokenExchangeWindow), "IntegrationsOptions.TokenExchangeWindow"),
                new("Timestamp window (nonce lifetime)", Duration(oauth.Value.TimestampWindow), "OAuthOptions.TimestampWindow"),
                new("Nonce length", $"{oauth.Value.NonceMinLength}–{oauth.Value.NonceMaxLength}", "OAuthOptions.NonceMinLength, OAuthOptions.NonceMaxLength"),
                new("Expired nonce cleanup", $"{Duration(cleanup.Value.Interval)}, {cleanup.Value.BatchSize.ToString(CultureInfo.InvariantCulture)}", "NonceCleanupOptions.Interval, NonceCleanupOptions.BatchSize"),
            ]);
    }

    /// <summary>Switches guest access when the host's setting can be switched.</summary>
    /// <returns>Whether it was saved; <see langword="null"/> when the setting is fixed by the host.</returns>
    public async Task<bool?> SetGuestAccessAsync(bool enabled, CancellationToken cancellationToken)
    {
        switch (guestAccess)
        {
            case IGuestAccessSwitch setting:
                return await setting.SetAsync(enabled, cancellationToken).ConfigureAwait(false);
            case GuestAccessSetting setting:
                setting.IsEnabled = enabled;
                return true;
            default:
                return null;
        }
    }

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
