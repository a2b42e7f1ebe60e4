namespace Integrations.AspNetCore.Http;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header (decision 9); Core's <see cref="OAuth.IBearerTokenValidator"/> judges it.</summary>
internal static class BearerAuthorization
{
    /// <summary>Reads <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, exactly two parts, as Magento).</summary>
    public static bool TryReadToken(string authorization, out string token)
    {
        token = string.Empty;
        var parts = authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = parts[1];
        return true;
    }
}
