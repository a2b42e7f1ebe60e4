using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>What activating or reauthorizing an integration produced.</summary>
public sealed class ActivationResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="integration">The integration after the change.</param>
    /// <param name="credentials">The credentials to show the admin (with the access token when one was issued at once).</param>
    /// <param name="verifier">The verifier to post to the callback URL when a token exchange started.</param>
    public ActivationResult(Integration integration, IntegrationCredentials credentials, string? verifier)
    {
        Integration = integration ?? throw new ArgumentNullException(nameof(integration));
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Verifier = verifier;
    }

    /// <summary>The integration after the change.</summary>
    public Integration Integration { get; }

    /// <summary>
    /// The consumer key and secret, plus the access token and secret when they were issued at once (no callback
    /// URL). During a token exchange the access token fields are <see langword="null"/>.
    /// </summary>
    public IntegrationCredentials Credentials { get; }

    /// <summary>The verifier of the token exchange, or <see langword="null"/> when the access token was issued at once.</summary>
    public string? Verifier { get; }

    /// <summary>Whether a token exchange through the callback URL is now pending.</summary>
    public bool ExchangePending => Integration.Status == IntegrationStatus.PendingExchange;

    /// <inheritdoc />
    public override string ToString() => $"{Integration} activated (credentials redacted)";
}
