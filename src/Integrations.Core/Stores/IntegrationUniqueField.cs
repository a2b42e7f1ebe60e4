namespace Integrations.Stores;

/// <summary>The values that must be unique across integrations.</summary>
public enum IntegrationUniqueField
{
    /// <summary>The name, compared case-insensitively.</summary>
    Name,

    /// <summary>The OAuth consumer key.</summary>
    ConsumerKey,

    /// <summary>The hash of the request or access token.</summary>
    Token,
}
