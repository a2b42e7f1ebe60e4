using System.Diagnostics.CodeAnalysis;

namespace Integrations.OAuth;

/// <summary>
/// The stateless RFC 5849 signature layer, usable without any store: collects and normalizes a request's parameters,
/// builds the base string, computes HMAC-SHA1/HMAC-SHA256 signatures, signs outgoing requests and verifies incoming
/// ones given the secrets. A malformed incoming request is reported as an <see cref="OAuthProblem"/>, never thrown (only
/// <see cref="CreateAuthorizationHeader"/>, given a request it cannot sign, throws). It reads at most
/// 1,000 parameters (the default of <see cref="OAuthOptions.MaxParameterCount"/>); more is
/// <see cref="OAuthProblemReason.TooManyParameters"/>.
/// </summary>
public interface IOAuthSigner
{
    /// <summary>Collects a request's parameters and builds its normalized parameter string and base string.</summary>
    /// <param name="request">The request (its <c>oauth_signature</c>, if any, is left out).</param>
    /// <param name="signatureBase">The strings, when the request could be parsed.</param>
    /// <param name="problem">Why it could not, otherwise.</param>
    /// <returns><see langword="true"/> if the request could be parsed.</returns>
    bool TryCreateSignatureBase(OAuthWireRequest request, [NotNullWhen(true)] out OAuthSignatureBase? signatureBase, [NotNullWhen(false)] out OAuthProblem? problem);

    /// <summary>Computes a signature over a base string with the key <c>encode(consumerSecret)&amp;encode(tokenSecret)</c>.</summary>
    /// <param name="method">The signature method.</param>
    /// <param name="baseString">The signature base string.</param>
    /// <param name="consumerSecret">The consumer secret.</param>
    /// <param name="tokenSecret">The token secret, or <see langword="null"/> (the key then ends with <c>&amp;</c>).</param>
    /// <returns>The base64 signature (not percent-encoded).</returns>
    string ComputeSignature(OAuthSignatureMethod method, string baseString, string consumerSecret, string? tokenSecret);

    /// <summary>
    /// Signs an outgoing request: collects its query and form-body parameters, adds the protocol parameters (consumer
    /// key, token, signature method, timestamp, nonce, version <c>1.0</c>, and callback or verifier when given) and returns
    /// the complete <c>Authorization</c> header value (<c>OAuth realm="...", oauth_consumer_key="...", ..., oauth_signature="..."</c>).
    /// </summary>
    /// <param name="request">The request to sign; its <see cref="OAuthWireRequest.Authorization"/> is ignored.</param>
    /// <param name="credentials">The credentials and protocol values.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException">The request cannot be signed (malformed URL or encoding, <c>oauth_*</c> parameters already in its query or body, too many parameters, or a realm that is not printable ASCII).</exception>
    string CreateAuthorizationHeader(OAuthWireRequest request, OAuthClientCredentials credentials);

    /// <summary>
    /// Verifies an incoming request with the two secrets: every check RFC 5849 §3.2 asks that needs no stored state,
    /// made by the same code and in the same order as <see cref="IOAuthRequestValidator"/>, each refusal with the
    /// validator's problem: the form body size and parameter collection (syntax, encoding, count, duplicates, one
    /// place); <c>oauth_consumer_key</c>, <c>oauth_signature</c>, <c>oauth_signature_method</c>, <c>oauth_nonce</c> and
    /// <c>oauth_timestamp</c> present and not empty; <c>oauth_version</c> <c>1.0</c> when present; the signature method
    /// allowed by <see cref="OAuthOptions"/>; the timestamp a positive integer; the nonce printable ASCII of an accepted
    /// length; then the signature (in constant time). What needs state is left to the validator: the timestamp window
    /// against its clock, the nonce not replayed, the credentials known and their integration's status.
    /// <para>
    /// Secrets the caller keeps (the same string instances, once they have survived a garbage collection) are verified
    /// with reused keyed HMAC state, below the cost of a one-shot HMAC. That state is tied to the string instances
    /// through weak tables: it lives only while the caller keeps both strings, never keeps either alive, and its key
    /// bytes are zeroed when it is collected. Strings read anew for each request get a one-shot HMAC and no state.
    /// Safe to call concurrently, with the same secrets or others.
    /// </para>
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="consumerSecret">The consumer secret.</param>
    /// <param name="tokenSecret">The token secret, or <see langword="null"/>.</param>
    /// <returns>Whether it verifies and, if not, why and the strings computed.</returns>
    OAuthVerificationResult Verify(OAuthWireRequest request, string consumerSecret, string? tokenSecret);
}
