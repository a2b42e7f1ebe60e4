using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>What activating or reauthorizing an integration produced.</summary>
public sealed class ActivationResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="integration">The integration after the change.</param>
    /// <param name="credentials">The credentials to show the admin (with the access token when one was issued at once).</param>
    /// <param name="identityLinkUrl">The identity link for the admin to open when a token exchange started and the integration has one.</param>
    public ActivationResult(Integration integration, IntegrationCredentials credentials, Uri? identityLinkUrl)
    {
        Integration = integration ?? throw new ArgumentNullException(nameof(integration));
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        IdentityLinkUrl = identityLinkUrl;
    }

    /// <summary>The integration after the change.</summary>
    public Integration Integration { get; }

    /// <summary>
    /// The consumer key and secret, plus the access token and secret when they were issued at once (no callback
    /// URL). During a token exchange the access token fields are <see langword="null"/>.
    /// </summary>
    public IntegrationCredentials Credentials { get; }

    /// <summary>
    /// The page the admin opens (in a popup) to sign in at the third party and finish the token exchange: the
    /// integration's identity link URL with <c>oauth_consumer_key</c> and, when the host configured
    /// <see cref="Activation.ActivationOptions.SuccessCallbackUrl"/>, <c>success_call_back</c>, as Magento builds it.
    /// <see langword="null"/> when the access token was issued at once or the integration has no identity link URL.
    /// </summary>
    public Uri? IdentityLinkUrl { get; }

    /// <summary>Whether a token exchange through the callback URL is now pending.</summary>
    public bool ExchangePending => Integration.Status == IntegrationStatus.PendingExchange;

    /// <inheritdoc />
    public override string ToString() => $"{Integration} activated (credentials redacted)";
}
