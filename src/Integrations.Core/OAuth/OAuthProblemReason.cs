namespace Integrations.OAuth;

/// <summary>
/// Why a request was rejected: one value per distinct check. Stateless reasons (400, except the timestamp window)
/// are found before any store lookup; the others after the lookups and the signature computation, in the order listed
/// in the documentation of <c>OAuthRequestValidator</c>.
/// </summary>
public enum OAuthProblemReason
{
    /// <summary>The method is not an HTTP token or the URL is not an absolute ASCII URL the base string can be built from. 400 <c>parameter_rejected</c>.</summary>
    RequestLineInvalid = 1,

    /// <summary>The <c>Authorization: OAuth</c> header cannot be parsed (bad quoting, missing <c>=</c>, too long). 400 <c>parameter_rejected</c>.</summary>
    AuthorizationHeaderMalformed,

    /// <summary>A name or value is not valid percent-encoded UTF-8. 400 <c>parameter_rejected</c>.</summary>
    ParameterEncodingInvalid,

    /// <summary>A protocol parameter is longer than the engine accepts. 400 <c>parameter_rejected</c>.</summary>
    ParameterTooLong,

    /// <summary>An <c>oauth_*</c> parameter is sent more than once. 400 <c>parameter_rejected</c>.</summary>
    ParameterDuplicated,

    /// <summary><c>oauth_*</c> parameters are sent in more than one of header, query and body (RFC 5849 §3.5). 400 <c>parameter_rejected</c>.</summary>
    ParametersInSeveralPlaces,

    /// <summary>A required protocol parameter is missing or empty. 400 <c>parameter_absent</c>.</summary>
    ParameterAbsent,

    /// <summary><c>oauth_version</c> is present and not <c>1.0</c> (compared as a number, as Magento does: <c>1</c> passes). 400 <c>version_rejected</c>.</summary>
    VersionRejected,

    /// <summary><c>oauth_signature_method</c> is not an allowed method. 400 <c>signature_method_rejected</c>.</summary>
    SignatureMethodRejected,

    /// <summary><c>oauth_timestamp</c> is not a positive decimal integer. 400 <c>parameter_rejected</c>.</summary>
    TimestampInvalid,

    /// <summary><c>oauth_timestamp</c> is outside the window around the server's clock. 401 <c>timestamp_refused</c>.</summary>
    TimestampRefused,

    /// <summary><c>oauth_nonce</c> is not printable ASCII of an accepted length. 400 <c>parameter_rejected</c>.</summary>
    NonceInvalid,

    /// <summary>An <c>oauth_token</c> is sent to the request-token endpoint, which is signed with the consumer only. 400 <c>parameter_rejected</c>.</summary>
    TokenUnexpected,

    /// <summary><c>oauth_token</c> does not have the format of an issued token (32 characters of <c>[0-9a-z]</c>). 400 <c>token_rejected</c>.</summary>
    TokenMalformed,

    /// <summary><c>oauth_consumer_key</c> does not have the format of an issued key (32 characters of <c>[0-9a-z]</c>). 401 <c>consumer_key_rejected</c>.</summary>
    ConsumerKeyMalformed,

    /// <summary>No integration has this consumer key. 401 <c>consumer_key_unknown</c>.</summary>
    ConsumerKeyUnknown,

    /// <summary>No integration holds this token. 401 <c>token_rejected</c>.</summary>
    TokenUnknown,

    /// <summary>The token belongs to another consumer. 401 <c>token_rejected</c>.</summary>
    TokenNotOwnedByConsumer,

    /// <summary>The token is not of the kind the flow needs (a request token on an API call, an access token on the exchange). 401 <c>token_used</c>.</summary>
    TokenTypeRejected,

    /// <summary>The integration is not in the status the flow needs (Active for API calls, pending exchange for the token exchange). 401 <c>consumer_key_rejected</c>.</summary>
    IntegrationStatusRejected,

    /// <summary>The signature does not match the one the server computed. 401 <c>signature_invalid</c>.</summary>
    SignatureInvalid,

    /// <summary>The nonce was already used by this consumer within the window. 401 <c>nonce_used</c>.</summary>
    NonceUsed,

    /// <summary>A signed form body is longer than <see cref="OAuthOptions.MaxFormBodyLength"/>. 413 <c>parameter_rejected</c>.</summary>
    FormBodyTooLarge,

    /// <summary>
    /// A token sent as <c>Authorization: Bearer</c> is not the access token of an Active integration that allows Bearer
    /// use (or is malformed or unknown: the answer does not say which). 401 <c>token_rejected</c>.
    /// </summary>
    BearerTokenRejected,

    /// <summary>The request carries more parameters than <see cref="OAuthOptions.MaxParameterCount"/> (header, query and form body together). 400 <c>parameter_rejected</c>.</summary>
    TooManyParameters,

    /// <summary>
    /// The stores could not answer within <see cref="Stores.StorageOptions.OperationTimeout"/> (database down, out of
    /// connections, locked, restarting): nothing was decided about the credentials. 503 <c>temporarily_unavailable</c>,
    /// to be retried after <see cref="Stores.StorageOptions.RetryAfter"/>.
    /// </summary>
    StorageUnavailable,

    /// <summary>
    /// The integration's stored consumer or token secret cannot be decrypted (a corrupted value, a retired key): the
    /// signature cannot be checked. Logged as an error naming the integration; the admin reauthorizes it. 401
    /// <c>consumer_key_rejected</c>.
    /// </summary>
    CredentialsUnreadable,

    /// <summary>
    /// A result no validator produced (<c>default(OAuthValidationResult)</c>, an uninitialized field): it never means
    /// success. 401 <c>not_validated</c>.
    /// </summary>
    NotValidated,
}
