namespace Integrations.AspNetCore.Http;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header (decision 9); Core's <see cref="OAuth.IBearerTokenValidator"/> judges it.</summary>
internal static class BearerAuthorization
{
    /// <summary>
    /// Reads <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, exactly two parts separated by spaces, as Magento).
    /// Any other header (an OAuth one above all) is turned down at its scheme, without splitting it.
    /// </summary>
    public static bool TryReadToken(string authorization, out string token)
    {
        token = string.Empty;
        var header = authorization.AsSpan().Trim(' ');
        var space = header.IndexOf(' ');
        if (space < 0 || !header[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = header[space..].TrimStart(' ');
        if (value.Contains(' '))
        {
            return false;
        }

        token = value.ToString();
        return true;
    }
}
