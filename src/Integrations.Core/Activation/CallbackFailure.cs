namespace Integrations.Activation;

/// <summary>Why the credentials could not be posted to an integration's callback URL.</summary>
internal enum CallbackFailure
{
    /// <summary>The callback URL is <c>http:</c> and the host does not allow insecure callback URLs.</summary>
    InsecureUrl,

    /// <summary>The host has not configured <see cref="ActivationOptions.StoreBaseUrl"/>.</summary>
    StoreBaseUrlMissing,

    /// <summary>No connection could be made, or it broke (DNS, refused connection, TLS, reset).</summary>
    Transport,

    /// <summary>The callback URL did not answer within <see cref="ActivationOptions.CallbackTimeout"/>.</summary>
    Timeout,

    /// <summary>The callback URL answered with a status other than 2xx (redirects are not followed).</summary>
    Status,
}
