namespace Integrations.OAuth;

/// <summary>
/// The parameters of a request as RFC 5849 §3.4.1.3.1 collects them (percent-decoded), and the protocol values among
/// them. Produced by <see cref="IOAuthSigner.TryCreateSignatureBase"/> for clients and support engineers who need to see
/// what was signed.
/// </summary>
internal sealed class OAuthParameters
{
    internal OAuthParameters(IReadOnlyList<KeyValuePair<string, string>> signed, OAuthParameterSource? protocolSource, string? realm, string? signature)
    {
        Pairs = signed;
        ProtocolSource = protocolSource;
        Realm = realm;
        Signature = signature;
    }

    /// <summary>
    /// Every signed parameter in the order received (header, then query, then body), decoded: repeated names are all
    /// kept; <c>realm</c> and <c>oauth_signature</c> are not signed and so not listed.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>Where the <c>oauth_*</c> parameters were sent, or <see langword="null"/> if there were none.</summary>
    public OAuthParameterSource? ProtocolSource { get; }

    /// <summary>The <c>realm</c> of the <c>Authorization</c> header (never signed), or <see langword="null"/>.</summary>
    public string? Realm { get; }

    /// <summary>The received <c>oauth_signature</c>, or <see langword="null"/>.</summary>
    public string? Signature { get; }

    /// <summary>The <c>oauth_consumer_key</c>, or <see langword="null"/>.</summary>
    public string? ConsumerKey => Find(OAuthParameterNames.ConsumerKey);

    /// <summary>The <c>oauth_token</c>, or <see langword="null"/>.</summary>
    public string? Token => Find(OAuthParameterNames.Token);

    /// <summary>The <c>oauth_signature_method</c> as sent, or <see langword="null"/>.</summary>
    public string? SignatureMethod => Find(OAuthParameterNames.SignatureMethod);

    /// <summary>The <c>oauth_timestamp</c> as sent, or <see langword="null"/>.</summary>
    public string? Timestamp => Find(OAuthParameterNames.Timestamp);

    /// <summary>The <c>oauth_nonce</c>, or <see langword="null"/>.</summary>
    public string? Nonce => Find(OAuthParameterNames.Nonce);

    /// <summary>The <c>oauth_version</c>, or <see langword="null"/>.</summary>
    public string? Version => Find(OAuthParameterNames.Version);

    /// <summary>The <c>oauth_callback</c>, or <see langword="null"/>.</summary>
    public string? Callback => Find(OAuthParameterNames.Callback);

    /// <summary>The <c>oauth_verifier</c>, or <see langword="null"/>.</summary>
    public string? Verifier => Find(OAuthParameterNames.Verifier);

    private string? Find(string name)
    {
        foreach (var (key, value) in Pairs)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
