using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Integrations.OAuth.Parameters;
using Integrations.OAuth.Signing;
using Integrations.OAuth.Validation;

namespace Integrations.OAuth;

/// <summary>
/// The RFC 5849 signer and verifier (HMAC-SHA1 and HMAC-SHA256). Stateless and thread-safe; needs no store, so test
/// suites, samples and third-party clients can use it directly: <c>new OAuthSigner()</c>.
/// </summary>
public sealed class OAuthSigner : IOAuthSigner
{
    private readonly TimeProvider _time;
    private readonly OAuthOptions _options;

    /// <summary>Creates a signer that reads the system clock for timestamps and verifies with the default <see cref="OAuthOptions"/>.</summary>
    public OAuthSigner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a signer that reads <paramref name="time"/> for timestamps and verifies with the default <see cref="OAuthOptions"/>.</summary>
    /// <param name="time">The clock.</param>
    public OAuthSigner(TimeProvider time)
        : this(time, new OAuthOptions())
    {
    }

    /// <summary>
    /// Creates a signer that reads <paramref name="time"/> for timestamps and verifies with <paramref name="options"/>
    /// (allowed signature methods, nonce length, parameter count, form body size), as the validator does.
    /// </summary>
    /// <param name="time">The clock.</param>
    /// <param name="options">The protocol options.</param>
    public OAuthSigner(TimeProvider time, OAuthOptions options)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public bool TryCreateSignatureBase(OAuthWireRequest request, [NotNullWhen(true)] out OAuthSignatureBase? signatureBase, [NotNullWhen(false)] out OAuthProblem? problem)
    {
        var parameters = RequestParameters.Rent();
        try
        {
            problem = parameters.Collect(request);
            signatureBase = problem is null ? CreateSignatureBase(parameters, request.Method) : null;
            return problem is null;
        }
        finally
        {
            RequestParameters.Return(parameters);
        }
    }

    /// <inheritdoc />
    public string ComputeSignature(OAuthSignatureMethod method, string baseString, string consumerSecret, string? tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(baseString);
        ArgumentNullException.ThrowIfNull(consumerSecret);
        Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
        var hashLength = ComputeHash(method, consumerSecret, tokenSecret, Encoding.UTF8.GetBytes(baseString), hash);
        return Convert.ToBase64String(hash[..hashLength]);
    }

    /// <inheritdoc />
    public string CreateAuthorizationHeader(OAuthWireRequest request, OAuthClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(credentials.ConsumerKey, nameof(credentials));
        ArgumentNullException.ThrowIfNull(credentials.ConsumerSecret, nameof(credentials));
        if (credentials.Realm is not null && credentials.Realm.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            throw new ArgumentException("The realm must be printable ASCII.", nameof(credentials));
        }

        Span<char> timestamp = stackalloc char[20];
        (credentials.Timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds()).TryFormat(timestamp, out var timestampLength, provider: CultureInfo.InvariantCulture);
        Span<char> generatedNonce = stackalloc char[NonceGenerator.Length];
        if (credentials.Nonce is null)
        {
            NonceGenerator.Write(generatedNonce);
        }

        ReadOnlySpan<char> nonce = credentials.Nonce is null ? generatedNonce : credentials.Nonce;

        // the request's query and form body, then the protocol parameters as the header will carry them, signed in
        // the pooled parameters' buffer: no intermediate strings, only the header
        var parameters = RequestParameters.Rent();
        try
        {
            var problem = parameters.Collect(request with { Authorization = null })
                ?? parameters.AddProtocolParameter(OAuthParameterNames.ConsumerKey, credentials.ConsumerKey)
                ?? (credentials.Token is null ? null : parameters.AddProtocolParameter(OAuthParameterNames.Token, credentials.Token))
                ?? parameters.AddProtocolParameter(OAuthParameterNames.SignatureMethod, SignatureAlgorithm.WireName(credentials.SignatureMethod))
                ?? parameters.AddProtocolParameter(OAuthParameterNames.Timestamp, timestamp[..timestampLength])
                ?? parameters.AddProtocolParameter(OAuthParameterNames.Nonce, nonce)
                ?? parameters.AddProtocolParameter(OAuthParameterNames.Version, "1.0")
                ?? (credentials.Callback is null ? null : parameters.AddProtocolParameter(OAuthParameterNames.Callback, credentials.Callback))
                ?? (credentials.Verifier is null ? null : parameters.AddProtocolParameter(OAuthParameterNames.Verifier, credentials.Verifier))
                ?? HeaderFits(parameters, credentials);
            if (problem is not null)
            {
                throw new ArgumentException($"The request cannot be signed: {problem.Phrase}", nameof(request));
            }

            parameters.Sort();
            Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
            var baseString = parameters.WriteBaseString(request.Method);
            var hashLength = ComputeHash(credentials.ReusableKey(), credentials.SignatureMethod, credentials.ConsumerSecret, credentials.TokenSecret, baseString, hash);
            return AuthorizationHeader.Write(parameters, credentials.Realm, hash[..hashLength]);
        }
        finally
        {
            RequestParameters.Return(parameters);
        }
    }

    /// <inheritdoc />
    public OAuthVerificationResult Verify(OAuthWireRequest request, string consumerSecret, string? tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(consumerSecret);
        var parameters = RequestParameters.Rent();
        try
        {
            var problem = ProtocolChecks.Collect(request, parameters, _options);
            if (problem is not null)
            {
                return new OAuthVerificationResult(null, problem);
            }

            problem = ProtocolChecks.Check(parameters, flow: null, _options, nowSeconds: null, out var method, out _);
            if (problem is null)
            {
                parameters.Sort();
                Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
                var hashLength = ComputeHash(SecretKeyCache.Find(method, consumerSecret, tokenSecret), method, consumerSecret, tokenSecret, parameters.WriteBaseString(request.Method), hash);
                if (ProtocolChecks.SignatureMatches(parameters, hash[..hashLength]))
                {
                    return OAuthVerificationResult.Valid;
                }

                problem = OAuthProblems.SignatureInvalid;
            }

            // a refusal says what the signer saw: the strings are built only then
            var signatureBase = CreateSignatureBase(parameters, request.Method);
            return new OAuthVerificationResult(signatureBase, problem.Reason == OAuthProblemReason.SignatureInvalid ? problem.WithBaseString(signatureBase.BaseString) : problem);
        }
        finally
        {
            RequestParameters.Return(parameters);
        }
    }

    /// <summary>Builds the public strings from collected parameters (allocates; for the public, diagnostic paths).</summary>
    internal static OAuthSignatureBase CreateSignatureBase(RequestParameters parameters, string method)
    {
        parameters.Sort();
        var normalized = new char[parameters.NormalizedLength()];
        parameters.WriteNormalized(normalized);
        var uri = new char[parameters.Url.MaxBaseUriLength];
        var uriLength = parameters.Url.WriteBaseUri(uri);
        var baseString = new byte[parameters.MaxBaseStringLength(method)];
        var baseLength = parameters.WriteBaseString(method, baseString);
        return new OAuthSignatureBase(
            parameters.ToParameters(),
            new string(normalized),
            new string(uri, 0, uriLength),
            Encoding.ASCII.GetString(baseString, 0, baseLength));
    }

    /// <summary>HMAC of <paramref name="data"/> with reused keyed state, or, when there is none (credentials signing for the first time, secrets not kept by the caller), with a one-shot call.</summary>
    private static int ComputeHash(HmacKey? reusable, OAuthSignatureMethod method, string consumerSecret, string? tokenSecret, ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var hashLength = reusable?.TryComputeHash(data, hash) ?? -1;
        return hashLength >= 0 ? hashLength : ComputeHash(method, consumerSecret, tokenSecret, data, hash);
    }

    /// <summary>HMAC of <paramref name="data"/> with the key <c>encode(consumerSecret)&amp;encode(tokenSecret)</c>, cleared after use.</summary>
    private static int ComputeHash(OAuthSignatureMethod method, string consumerSecret, string? tokenSecret, ReadOnlySpan<byte> data, Span<byte> hash)
    {
        using var key = new SigningKeyBytes(consumerSecret, tokenSecret);
        return SignatureAlgorithm.ComputeHash(method, key.Span, data, hash);
    }

    /// <summary>
    /// Whether the header, which also carries <c>oauth_signature</c> (and the realm), stays within the parameters a
    /// verifier counts (<see cref="RequestParameters.DefaultMaxParameterCount"/>): a request signed here always verifies.
    /// </summary>
    private static OAuthProblem? HeaderFits(RequestParameters parameters, OAuthClientCredentials credentials) =>
        parameters.Count + 1 + (credentials.Realm is null ? 0 : 1) > RequestParameters.DefaultMaxParameterCount
            ? OAuthProblems.TooManyParameters(RequestParameters.DefaultMaxParameterCount)
            : null;
}
