namespace Integrations.Client.Onboarding;

/// <summary>Normalizes and compares store base URLs.</summary>
internal static class StoreBaseUrl
{
    public static bool IsWebUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(url.UserInfo);

    /// <summary>The URL without query and fragment, its path ending with <c>/</c>.</summary>
    public static Uri Normalize(Uri url)
    {
        var left = url.GetLeftPart(UriPartial.Path);
        return new Uri(left.EndsWith('/') ? left : left + "/");
    }

    public static bool IsAllowed(Uri normalized, IntegrationsClientOptions options) =>
        options.AcceptAnyStore || options.AllowedStoreBaseUrls.Any(allowed => Uri.Compare(Normalize(allowed), normalized, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0);
}
