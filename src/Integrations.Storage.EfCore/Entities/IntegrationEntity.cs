namespace Integrations.Storage.EfCore.Entities;

/// <summary>A row of the <c>integration</c> table (see <see cref="Model.Integration"/> for the meaning of each column).</summary>
internal sealed class IntegrationEntity
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string NormalizedName { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? CallbackUrl { get; set; }

    public string? IdentityLinkUrl { get; set; }

    public int ResourceAccess { get; set; }

    /// <summary>The granted resource ids as a JSON array of strings.</summary>
    public string Resources { get; set; } = "[]";

    public int Status { get; set; }

    public int SetupType { get; set; }

    public bool BearerTokenAllowed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string ConcurrencyToken { get; set; } = string.Empty;

    public string ConsumerKey { get; set; } = string.Empty;

    public string ProtectedConsumerSecret { get; set; } = string.Empty;

    public DateTimeOffset? ExchangeStartedAt { get; set; }

    public string? VerifierHash { get; set; }

    public string? ExchangedRequestTokenHash { get; set; }

    public IntegrationTokenEntity? Token { get; set; }
}
