using System.Collections.Immutable;
using System.Text.Json;
using Integrations.Model;
using Integrations.Storage.EfCore.Entities;

namespace Integrations.Storage.EfCore.Mapping;

/// <summary>Converts between the Core model and the rows that store it.</summary>
internal static class IntegrationMapping
{
    public static IntegrationEntity ToEntity(this Integration integration)
    {
        var entity = new IntegrationEntity { Id = integration.Id };
        integration.CopyTo(entity);
        return entity;
    }

    /// <summary>Copies every stored value of <paramref name="integration"/> onto a row, including its token row.</summary>
    public static void CopyTo(this Integration integration, IntegrationEntity entity)
    {
        entity.Name = integration.Name;
        entity.NormalizedName = integration.NormalizedName;
        entity.Email = integration.Email;
        entity.CallbackUrl = integration.CallbackUrl?.OriginalString;
        entity.IdentityLinkUrl = integration.IdentityLinkUrl?.OriginalString;
        entity.ResourceAccess = (int)integration.ResourceAccess;
        entity.Resources = JsonSerializer.Serialize(integration.Resources.ToArray());
        entity.Status = (int)integration.Status;
        entity.SetupType = (int)integration.SetupType;
        entity.BearerTokenAllowed = integration.BearerTokenAllowed;
        entity.CreatedAt = integration.CreatedAt;
        entity.UpdatedAt = integration.UpdatedAt;
        entity.ConcurrencyToken = integration.ConcurrencyToken;
        entity.ConsumerKey = integration.ConsumerKey;
        entity.ProtectedConsumerSecret = integration.ProtectedConsumerSecret;
        entity.ExchangeStartedAt = integration.ExchangeStartedAt;
        entity.VerifierHash = integration.VerifierHash;
        entity.ExchangedRequestTokenHash = integration.ExchangedRequestTokenHash;
    }

    /// <summary>The token row an integration should have, or <see langword="null"/>.</summary>
    public static IntegrationTokenEntity? ToTokenEntity(this Integration integration) =>
        integration.Token is not { } token
            ? null
            : new IntegrationTokenEntity
            {
                IntegrationId = integration.Id,
                Type = (int)token.Type,
                Hash = token.Hash,
                ProtectedValue = token.ProtectedValue,
                ProtectedSecret = token.ProtectedSecret,
                IssuedAt = token.IssuedAt,
            };

    public static Integration ToModel(this IntegrationEntity entity) => new()
    {
        Id = entity.Id,
        Name = entity.Name,
        Email = entity.Email,
        CallbackUrl = entity.CallbackUrl is null ? null : new Uri(entity.CallbackUrl, UriKind.Absolute),
        IdentityLinkUrl = entity.IdentityLinkUrl is null ? null : new Uri(entity.IdentityLinkUrl, UriKind.Absolute),
        ResourceAccess = (ResourceAccess)entity.ResourceAccess,
        Resources = ImmutableSortedSet.Create(StringComparer.Ordinal, JsonSerializer.Deserialize<string[]>(entity.Resources) ?? []),
        Status = (IntegrationStatus)entity.Status,
        SetupType = (IntegrationSetupType)entity.SetupType,
        BearerTokenAllowed = entity.BearerTokenAllowed,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        ConcurrencyToken = entity.ConcurrencyToken,
        ConsumerKey = entity.ConsumerKey,
        ProtectedConsumerSecret = entity.ProtectedConsumerSecret,
        ExchangeStartedAt = entity.ExchangeStartedAt,
        VerifierHash = entity.VerifierHash,
        ExchangedRequestTokenHash = entity.ExchangedRequestTokenHash,
        Token = entity.Token is not { } token
            ? null
            : new IntegrationToken((OAuthTokenType)token.Type, token.Hash, token.ProtectedValue, token.ProtectedSecret, token.IssuedAt),
    };
}
