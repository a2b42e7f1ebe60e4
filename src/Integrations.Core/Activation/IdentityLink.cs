namespace Integrations.Activation;

/// <summary>
/// Builds the URL the admin opens to finish a token exchange at the third party, as Magento's admin script does:
/// the identity link URL followed by <c>oauth_consumer_key=…&amp;success_call_back=…</c>, form-encoded.
/// </summary>
internal static class IdentityLink
{
    public static Uri Build(Uri identityLinkUrl, string consumerKey, Uri? successCallbackUrl)
    {
        ArgumentNullException.ThrowIfNull(identityLinkUrl);
        var query = "oauth_consumer_key=" + Encode(consumerKey);
        if (successCallbackUrl is not null)
        {
            query += "&success_call_back=" + Encode(successCallbackUrl.AbsoluteUri);
        }

        // Magento always appends "?"; an identity link that already has a query gets "&" so it stays a valid URL.
        var separator = string.IsNullOrEmpty(identityLinkUrl.Query) ? "?" : "&";
        return new Uri(identityLinkUrl.GetLeftPart(UriPartial.Query) + separator + query);
    }

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
