using Integrations.Model;

namespace Integrations.OAuth;

/// <summary>
/// Which kind of signed request is expected, and so which rules the <see cref="IOAuthRequestValidator"/> applies:
/// <list type="table">
/// <listheader><term>Flow</term><description>Token, key, status, extra</description></listheader>
/// <item><term><see cref="RequestToken"/> (<c>/oauth/token/request</c>)</term><description>no <c>oauth_token</c> (an empty one is tolerated);
/// HMAC key <c>consumer_secret&amp;</c>; the integration must await an exchange (<see cref="Integration.AwaitsExchange"/>: pending,
/// or active while a reauthorize posts new credentials).</description></item>
/// <item><term><see cref="AccessToken"/> (<c>/oauth/token/access</c>)</term><description><c>oauth_token</c> = the integration's current
/// <see cref="OAuthTokenType.Request"/> token and <c>oauth_verifier</c> required; key <c>consumer_secret&amp;request_token_secret</c>;
/// status <see cref="IntegrationStatus.PendingExchange"/>. The verifier is returned, not checked: the exchange service compares it.</description></item>
/// <item><term><see cref="ProtectedResource"/> (every API call)</term><description><c>oauth_token</c> = the integration's
/// <see cref="OAuthTokenType.Access"/> token; key <c>consumer_secret&amp;access_token_secret</c>; status <see cref="IntegrationStatus.Active"/>.</description></item>
/// </list>
/// </summary>
public sealed class OAuthFlow
{
    private OAuthFlow(string name, OAuthTokenType? expectedTokenType, IntegrationStatus requiredStatus, bool requiresVerifier)
    {
        Name = name;
        ExpectedTokenType = expectedTokenType;
        RequiredStatus = requiredStatus;
        RequiresVerifier = requiresVerifier;
    }

    /// <summary>The request-token step of the activation exchange: signed with the consumer credentials only.</summary>
    public static OAuthFlow RequestToken { get; } = new("request_token", null, IntegrationStatus.PendingExchange, requiresVerifier: false);

    /// <summary>The access-token step: signed with the consumer and the request token, carrying <c>oauth_verifier</c>.</summary>
    public static OAuthFlow AccessToken { get; } = new("access_token", OAuthTokenType.Request, IntegrationStatus.PendingExchange, requiresVerifier: true);

    /// <summary>An API call: signed with the consumer and the access token.</summary>
    public static OAuthFlow ProtectedResource { get; } = new("protected_resource", OAuthTokenType.Access, IntegrationStatus.Active, requiresVerifier: false);

    /// <summary>A short name for logs.</summary>
    public string Name { get; }

    /// <summary>The kind of token the request must carry, or <see langword="null"/> when it must carry none.</summary>
    public OAuthTokenType? ExpectedTokenType { get; }

    /// <summary>The status the integration must have.</summary>
    public IntegrationStatus RequiredStatus { get; }

    /// <summary>Whether <c>oauth_verifier</c> is required.</summary>
    public bool RequiresVerifier { get; }

    /// <summary>Whether an integration is in a state this flow serves (<see cref="RequiredStatus"/>, or awaiting an exchange for the request-token step).</summary>
    /// <param name="integration">The integration as read.</param>
    /// <returns><see langword="true"/> when the flow may go on.</returns>
    public bool Admits(Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return integration.Status == RequiredStatus || (ExpectedTokenType is null && integration.AwaitsExchange);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
