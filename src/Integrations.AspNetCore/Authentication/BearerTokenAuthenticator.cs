using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Finds the integration whose access token is sent as <c>Authorization: Bearer &lt;token&gt;</c> (decision 9):
/// only an access token, of an Active integration that allows Bearer use. The token is looked up by its hash.
/// </summary>
internal sealed class BearerTokenAuthenticator(IIntegrationStore store)
{
    /// <summary>The problem code of a refused Bearer token.</summary>
    public const string TokenRejected = "token_rejected";

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

    /// <summary>The integration the token authenticates, or <see langword="null"/>.</summary>
    public async ValueTask<Integration?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!CredentialGenerator.IsWellFormed(token))
        {
            return null;
        }

        var integration = await store.FindByTokenHashAsync(CredentialHasher.Hash(token), cancellationToken).ConfigureAwait(false);
        return integration is { Status: IntegrationStatus.Active, BearerTokenAllowed: true, Token: { Type: OAuthTokenType.Access } issued }
            && CredentialHasher.Matches(token, issued.Hash)
            ? integration
            : null;
    }
}
