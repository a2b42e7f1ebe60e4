namespace Integrations.Model;

/// <summary>
/// The lifecycle state of an integration. See <see cref="IntegrationStateMachine"/> for the transitions.
/// </summary>
public enum IntegrationStatus
{
    /// <summary>Created (or its exchange expired) and not authorized: its credentials authenticate nothing.</summary>
    Inactive = 0,

    /// <summary>Authorized: it holds an access token and may call the resources it was granted.</summary>
    Active = 1,

    /// <summary>
    /// Credentials were posted to the callback URL and the third party has not finished the
    /// request-token / access-token exchange yet. No access token is valid in this state.
    /// </summary>
    PendingExchange = 2,
}
