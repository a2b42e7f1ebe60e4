using System.Collections.Immutable;

namespace Integrations.Model;

/// <summary>
/// An integration as persisted: its identity, the admin-editable fields, its status and the credentials issued
/// for it. Instances are immutable snapshots; every change produces a new instance with a new
/// <see cref="ConcurrencyToken"/>, which stores compare before they write.
/// </summary>
public sealed record Integration
{
    /// <summary>The identifier of the integration.</summary>
    public required Guid Id { get; init; }

    /// <summary>The display name: trimmed, at most 255 characters, unique case-insensitively.</summary>
    public required string Name { get; init; }

    /// <summary>The name as compared for uniqueness (see <see cref="NormalizeName"/>).</summary>
    public string NormalizedName => NormalizeName(Name);

    /// <summary>The contact e-mail address, or <see langword="null"/>.</summary>
    public string? Email { get; init; }

    /// <summary>Where the credentials are posted on activation (Magento's "Callback URL"), or <see langword="null"/>.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>The page the admin opens to finish the exchange at the third party, or <see langword="null"/>.</summary>
    public Uri? IdentityLinkUrl { get; init; }

    /// <summary>Whether the integration reaches every resource or only <see cref="Resources"/>.</summary>
    public ResourceAccess ResourceAccess { get; init; }

    /// <summary>The granted resource ids when <see cref="ResourceAccess"/> is <see cref="ResourceAccess.Custom"/>.</summary>
    public ImmutableSortedSet<string> Resources { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The lifecycle state.</summary>
    public IntegrationStatus Status { get; init; }

    /// <summary>Whether an admin or configuration created the integration.</summary>
    public IntegrationSetupType SetupType { get; init; }

    /// <summary>Whether its access token may also be used as a standalone <c>Bearer</c> token (if the host allows it).</summary>
    public bool BearerTokenAllowed { get; init; }

    /// <summary>When the integration was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the integration was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Changes on every write; a write based on a stale value is refused by the store (the store contract reports the conflict).</summary>
    public required string ConcurrencyToken { get; init; }

    /// <summary>The OAuth consumer key: 32 characters of <c>[0-9a-z]</c>, unique.</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The consumer secret, encrypted by an <see cref="Security.ISecretProtector"/>.</summary>
    public required string ProtectedConsumerSecret { get; init; }

    /// <summary>When the credentials were last posted to the callback URL (start of the token-exchange window).</summary>
    public DateTimeOffset? ExchangeStartedAt { get; init; }

    /// <summary>The hash of the verifier posted to the callback URL while an exchange is pending.</summary>
    public string? VerifierHash { get; init; }

    /// <summary>The request or access token the integration holds, or <see langword="null"/>.</summary>
    public IntegrationToken? Token { get; init; }

    /// <summary>
    /// The hash of the request token exchanged for the current access token, kept while that access token is the
    /// current one, so a client that sends it again is told "Token is already being used" as Magento tells it.
    /// </summary>
    public string? ExchangedRequestTokenHash { get; init; }

    /// <summary>
    /// Whether credentials were posted to the callback URL and the third party may start the token exchange: the
    /// integration waits for it (<see cref="IntegrationStatus.PendingExchange"/>), or a reauthorize is posting new
    /// credentials while the current access token still works (<see cref="IntegrationStatus.Active"/> with a verifier).
    /// Whether the exchange window is still open is for the caller to check against <see cref="ExchangeStartedAt"/>.
    /// </summary>
    public bool AwaitsExchange =>
        VerifierHash is not null && ExchangeStartedAt is not null
        && (Status == IntegrationStatus.PendingExchange || (Status == IntegrationStatus.Active && Token is { Type: OAuthTokenType.Access }));

    /// <summary>
    /// <see langword="false"/> as soon as the callback URL or the identity link URL is set and is not https:
    /// what the admin grid shows as "Integration not secure".
    /// </summary>
    public bool IsSecure => IsSecureUrl(CallbackUrl) && IsSecureUrl(IdentityLinkUrl);

    /// <summary>Whether a token exchange through the callback URL is used on activation.</summary>
    public bool UsesTokenExchange => CallbackUrl is not null;

    /// <summary>Normalizes a name for case-insensitive uniqueness: trimmed and upper-cased invariantly.</summary>
    /// <param name="name">The name to normalize.</param>
    /// <returns>The normalized name.</returns>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }

    /// <inheritdoc />
    public override string ToString() => $"Integration '{Name}' ({Id}, {Status})";

    private static bool IsSecureUrl(Uri? url) => url is null || url.Scheme == Uri.UriSchemeHttps;
}
