namespace Integrations.Client.Onboarding;

/// <summary>What happened to a connection during onboarding.</summary>
public enum IntegrationConnectionEventKind
{
    /// <summary>A shop's credentials POST was accepted and its token exchange queued (a connected or reauthorized event, or a failed one, follows).</summary>
    Received,

    /// <summary>A shop posted credentials for a new consumer key and the token exchange succeeded: the connection is stored.</summary>
    Connected,

    /// <summary>A shop posted credentials again for a consumer key already connected (the admin reauthorized) and the new exchange succeeded: the new access token replaces the old one.</summary>
    Reauthorized,

    /// <summary>A credentials POST was refused, or its token exchange failed (see <see cref="IntegrationConnectionEvent.Reason"/>).</summary>
    Failed,
}
