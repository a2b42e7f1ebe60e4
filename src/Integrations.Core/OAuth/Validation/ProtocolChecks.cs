using System.Buffers;
using System.Globalization;
using Integrations.OAuth.Parameters;
using Integrations.OAuth.Signing;

namespace Integrations.OAuth.Validation;

/// <summary>
/// The checks of an incoming request that need no stored state, shared by <see cref="IOAuthSigner.Verify"/> and the
/// validator (which adds the credential formats, the stores and the nonce), in the documented order, and the
/// signature comparison. One path, so the two cannot drift apart in what they refuse or in the reasons they give.
/// </summary>
internal static class ProtocolChecks
{
    private static readonly (ProtocolParameter Parameter, string Name)[] AlwaysRequired =
    [
        (ProtocolParameter.ConsumerKey, OAuthParameterNames.ConsumerKey),
        (ProtocolParameter.Signature, OAuthParameterNames.Signature),
        (ProtocolParameter.SignatureMethod, OAuthParameterNames.SignatureMethod),
        (ProtocolParameter.Nonce, OAuthParameterNames.Nonce),
        (ProtocolParameter.Timestamp, OAuthParameterNames.Timestamp),
    ];

    /// <summary>What a PHP numeric string may hold (.NET's parser also skips NUL characters, which PHP does not).</summary>
    private static readonly SearchValues<char> PhpNumericCharacters = SearchValues.Create("0123456789.eE+- \t\n\r\v\f");

    /// <summary>Checks the size of a signed form body, then collects the request's parameters (header syntax, encoding, count, duplicates, one place).</summary>
    public static OAuthProblem? Collect(in OAuthWireRequest request, RequestParameters parameters, OAuthOptions options) =>
        (request.Body.Length > options.MaxFormBodyLength || request.DeclaredBodyLength > options.MaxFormBodyLength) && OAuthWireRequest.IsFormContentType(request.ContentType)
            ? OAuthProblems.FormBodyTooLarge(options.MaxFormBodyLength)
            : parameters.Collect(request, options.MaxParameterCount);

    /// <summary>
    /// The protocol checks after collection: required parameters present and not empty (for <paramref name="flow"/>,
    /// or, without one, those every signed request has); no token on the request-token flow; <c>oauth_version</c>
    /// <c>1.0</c> when present; the signature method allowed; the timestamp an integer, positive, within the window of
    /// <paramref name="nowSeconds"/> when given; the nonce printable ASCII of an accepted length.
    /// </summary>
    public static OAuthProblem? Check(RequestParameters parameters, OAuthFlow? flow, OAuthOptions options, long? nowSeconds, out OAuthSignatureMethod method, out long timestamp)
    {
        method = default;
        timestamp = 0;
        if (MissingParameters(parameters, flow) is { } missing)
        {
            return OAuthProblems.ParameterAbsent(missing);
        }

        if (flow is { ExpectedTokenType: null } && !parameters.EncodedValue(ProtocolParameter.Token).IsEmpty)
        {
            return OAuthProblems.TokenUnexpected;
        }

        if (parameters.Has(ProtocolParameter.Version) && !IsVersion1(parameters))
        {
            return OAuthProblems.VersionRejected(parameters.DecodedValue(ProtocolParameter.Version)!);
        }

        if (!SignatureAlgorithm.TryParse(parameters.EncodedValue(ProtocolParameter.SignatureMethod), out method)
            || (method == OAuthSignatureMethod.HmacSha1 && !options.AllowHmacSha1)
            || (method == OAuthSignatureMethod.HmacSha256 && !options.AllowHmacSha256))
        {
            return OAuthProblems.SignatureMethodRejected(parameters.DecodedValue(ProtocolParameter.SignatureMethod)!);
        }

        var timestampText = parameters.EncodedValue(ProtocolParameter.Timestamp);
        if (timestampText.Length > 18 || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
        {
            return OAuthProblems.TimestampInvalid;
        }

        // 0 is refused as any timestamp outside the window (as Magento), with or without a clock
        if (timestamp <= 0 || (nowSeconds is { } now && Math.Abs(now - timestamp) > (long)options.TimestampWindow.TotalSeconds))
        {
            return OAuthProblems.TimestampRefused;
        }

        return IsWellFormedNonce(parameters.EncodedValue(ProtocolParameter.Nonce), options) ? null : OAuthProblems.NonceInvalid;
    }

    /// <summary>Whether a computed HMAC is the request's <c>oauth_signature</c> (constant-time).</summary>
    public static bool SignatureMatches(RequestParameters parameters, ReadOnlySpan<byte> hash) =>
        SignatureAlgorithm.Matches(hash, parameters.EncodedValue(ProtocolParameter.Signature));

    /// <summary>The required parameters missing or empty, in Magento's order, or <see langword="null"/> (allocates only then).</summary>
    private static List<string>? MissingParameters(RequestParameters parameters, OAuthFlow? flow)
    {
        List<string>? missing = null;
        foreach (var (parameter, name) in AlwaysRequired)
        {
            if (parameters.EncodedValue(parameter).IsEmpty)
            {
                (missing ??= []).Add(name);
            }
        }

        if (flow?.ExpectedTokenType is not null && parameters.EncodedValue(ProtocolParameter.Token).IsEmpty)
        {
            (missing ??= []).Add(OAuthParameterNames.Token);
        }

        if (flow is { RequiresVerifier: true } && parameters.EncodedValue(ProtocolParameter.Verifier).IsEmpty)
        {
            (missing ??= []).Add(OAuthParameterNames.Verifier);
        }

        return missing;
    }

    /// <summary>
    /// Whether <c>oauth_version</c> is 1.0 as Magento compares it (PHP's loose <c>==</c> between numeric strings), so
    /// <c>1</c> or <c>1.00</c> sent by an existing client pass as they do there.
    /// </summary>
    private static bool IsVersion1(RequestParameters parameters)
    {
        if (parameters.EncodedValue(ProtocolParameter.Version).SequenceEqual("1.0"))
        {
            return true;
        }

        var version = parameters.DecodedValue(ProtocolParameter.Version);
        return !version.AsSpan().ContainsAnyExcept(PhpNumericCharacters)
            && double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == 1.0;
    }

    private static bool IsWellFormedNonce(ReadOnlySpan<char> encoded, OAuthOptions options)
    {
        if (encoded.Length > 3 * options.NonceMaxLength)
        {
            return false;
        }

        if (!encoded.Contains('%'))
        {
            // stored values are canonically encoded: without an escape, every character is unreserved
            return encoded.Length >= options.NonceMinLength && encoded.Length <= options.NonceMaxLength;
        }

        Span<byte> nonce = stackalloc byte[encoded.Length];
        var length = RequestParameters.DecodeStored(encoded, nonce);
        return length >= options.NonceMinLength && length <= options.NonceMaxLength
            && !nonce[..length].ContainsAnyExceptInRange((byte)'!', (byte)'~');
    }
}
