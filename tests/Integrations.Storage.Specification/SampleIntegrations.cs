using System.Collections.Immutable;
using Integrations.Model;
using Integrations.Security;

namespace Integrations.Storage.Specification;

/// <summary>Builds integration records for store tests, with every field set.</summary>
public static class SampleIntegrations
{
    public static Integration New(string name, DateTimeOffset now, IntegrationStatus status = IntegrationStatus.Inactive, string? token = null)
    {
        // Whole milliseconds: every supported database keeps at least that precision.
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return new Integration
        {
            Id = Guid.NewGuid(),
            Name = name,
            Email = "ops@example.com",
            CallbackUrl = new Uri("https://partner.example.com/callback"),
            IdentityLinkUrl = new Uri("https://partner.example.com/login"),
            ResourceAccess = ResourceAccess.Custom,
            Resources = ImmutableSortedSet.Create(StringComparer.Ordinal, "Magento_Catalog::products", "Magento_Sales::sales"),
            Status = status,
            SetupType = IntegrationSetupType.Manual,
            BearerTokenAllowed = true,
            CreatedAt = at,
            UpdatedAt = at,
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
            ConsumerKey = CredentialGenerator.Create(),
            ProtectedConsumerSecret = "k1:" + CredentialGenerator.Create(),
            ExchangeStartedAt = at,
            VerifierHash = CredentialHasher.Hash(CredentialGenerator.Create()),
            ExchangedRequestTokenHash = CredentialHasher.Hash(CredentialGenerator.Create()),
            Token = token is null ? null : Token(token, at),
        };
    }

    public static IntegrationToken Token(string token, DateTimeOffset at, OAuthTokenType type = OAuthTokenType.Access) =>
        new(type, CredentialHasher.Hash(token), "k1:" + CredentialGenerator.Create(), "k1:" + CredentialGenerator.Create(), at);

    /// <summary>The next version of an integration, as a service would write it.</summary>
    public static Integration Next(Integration integration, Func<Integration, Integration>? change = null) =>
        (change ?? (i => i))(integration) with { ConcurrencyToken = Guid.NewGuid().ToString("N") };
}
