namespace Integrations.OAuth;

/// <summary>
/// The intermediate strings of RFC 5849 §3.4.1 for one request: what a client developer compares when a signature
/// does not match. Contains no secret.
/// </summary>
public sealed class OAuthSignatureBase
{
    internal OAuthSignatureBase(OAuthParameters parameters, string normalizedParameters, string baseStringUri, string baseString)
    {
        Parameters = parameters;
        NormalizedParameters = normalizedParameters;
        BaseStringUri = baseStringUri;
        BaseString = baseString;
    }

    /// <summary>The collected parameters (decoded).</summary>
    internal OAuthParameters Parameters { get; }

    /// <summary>The normalized parameter string (§3.4.1.3.2): encoded pairs sorted in byte order, joined with <c>&amp;</c>.</summary>
    public string NormalizedParameters { get; }

    /// <summary>The base string URI (§3.4.1.2): lower-case scheme and host, no default port, path as sent, no query.</summary>
    public string BaseStringUri { get; }

    /// <summary>The signature base string (§3.4.1.1): method, encoded URI and encoded parameters joined with <c>&amp;</c>.</summary>
    public string BaseString { get; }

    /// <inheritdoc />
    public override string ToString() => BaseString;
}
