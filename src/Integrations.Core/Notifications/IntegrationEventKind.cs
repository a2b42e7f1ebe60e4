namespace Integrations.Notifications;

/// <summary>What happened to an integration.</summary>
public enum IntegrationEventKind
{
    /// <summary>
    /// An admin activated it (clicked Allow): it is Active, or its credentials were posted to its callback URL and
    /// it waits for the token exchange (<see cref="IntegrationEvent.ExchangePending"/>).
    /// </summary>
    Activated,

    /// <summary>
    /// An admin reauthorized it: the old access token stopped working; a new one was issued, or the credentials
    /// were posted again, the callback accepted them and it waits for the token exchange
    /// (<see cref="IntegrationEvent.ExchangePending"/>).
    /// </summary>
    Reauthorized,

    /// <summary>The third party exchanged its request token and verifier for an access token: it is now Active.</summary>
    Exchanged,

    /// <summary>An admin deleted it with everything issued for it.</summary>
    Deleted,

    /// <summary>
    /// Its token exchange was not completed within the exchange window: a pending integration became Inactive (the
    /// admin activates it again); an active one whose reauthorize never reached its callback keeps its access token.
    /// </summary>
    ExchangeExpired,
}
