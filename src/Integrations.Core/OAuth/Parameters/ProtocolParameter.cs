namespace Integrations.OAuth.Parameters;

/// <summary>Which protocol parameter a collected parameter is (internal bookkeeping of <see cref="RequestParameters"/>).</summary>
internal enum ProtocolParameter : byte
{
    None = 0,
    ConsumerKey,
    Token,
    SignatureMethod,
    Signature,
    Timestamp,
    Nonce,
    Version,
    Callback,
    Verifier,
    OtherProtocol,
    Realm,
}
