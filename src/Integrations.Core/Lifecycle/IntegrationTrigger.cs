namespace Integrations.Lifecycle;

/// <summary>The actions that move an integration between states.</summary>
public enum IntegrationTrigger
{
    /// <summary>The admin clicks Activate, then Allow.</summary>
    Activate,

    /// <summary>The admin reauthorizes an active integration: new access token and secret.</summary>
    Reauthorize,

    /// <summary>The third party exchanged its request token and verifier for an access token.</summary>
    CompleteExchange,

    /// <summary>The token-exchange window elapsed before the third party completed it.</summary>
    ExpireExchange,

    /// <summary>The integration and everything issued for it is removed.</summary>
    Delete,
}
