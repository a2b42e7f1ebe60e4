using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.OAuth;

/// <summary>
/// The RFC 5849 signer and verifier (HMAC-SHA1 and HMAC-SHA256). Stateless and thread-safe; needs no store, so test
/// suites, samples and third-party clients can use it directly: <c>new OAuthSigner()</c>.
/// </summary>
public sealed class OAuthSigner : IOAuthSigner
{
    private const string NonceAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
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
        var header = new StringBuilder("OAuth ");
        if (credentials.Realm is not null)
        {
            if (credentials.Realm.AsSpan().ContainsAnyExceptInRange(' ', '~'))
            {
                throw new ArgumentException("The realm must be printable ASCII.", nameof(credentials));
            }

            AppendRealm(header, credentials.Realm);
        }

        AppendParameter(header, OAuthParameterNames.ConsumerKey, credentials.ConsumerKey);
        if (credentials.Token is not null)
        {
            AppendParameter(header, OAuthParameterNames.Token, credentials.Token);
        }

        AppendParameter(header, OAuthParameterNames.SignatureMethod, SignatureAlgorithm.WireName(credentials.SignatureMethod));
        var timestamp = credentials.Timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds();
        AppendParameter(header, OAuthParameterNames.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        AppendParameter(header, OAuthParameterNames.Nonce, credentials.Nonce ?? RandomNumberGenerator.GetString(NonceAlphabet, 32));
        AppendParameter(header, OAuthParameterNames.Version, "1.0");
        if (credentials.Callback is not null)
        {
            AppendParameter(header, OAuthParameterNames.Callback, credentials.Callback);
        }

        if (credentials.Verifier is not null)
        {
            AppendParameter(header, OAuthParameterNames.Verifier, credentials.Verifier);
        }

        // the base string is written into the pooled parameters' buffer and signed there: no public strings are built
        var parameters = RequestParameters.Rent();
        try
        {
            var problem = parameters.Collect(WithAuthorization(request, header.ToString(0, header.Length - 2)));
            if (problem is not null)
            {
                throw new ArgumentException($"The request cannot be signed: {problem.Phrase}", nameof(request));
            }

            parameters.Sort();
            Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
            var hashLength = ComputeHash(credentials.SignatureMethod, credentials.ConsumerSecret, credentials.TokenSecret, parameters.WriteBaseString(request.Method), hash);
            Span<char> signature = stackalloc char[SignatureAlgorithm.MaxSignatureLength];
            Convert.TryToBase64Chars(hash[..hashLength], signature, out var signatureLength);
            header.Append(OAuthParameterNames.Signature).Append("=\"");
            foreach (var c in signature[..signatureLength])
            {
                var escape = c switch { '+' => "%2B", '/' => "%2F", '=' => "%3D", _ => null };
                if (escape is null)
                {
                    header.Append(c);
                }
                else
                {
                    header.Append(escape);
                }
            }

            return header.Append('"').ToString();
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
                var hashLength = ComputeHash(method, consumerSecret, tokenSecret, parameters.WriteBaseString(request.Method), hash);
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

    /// <summary>HMAC of <paramref name="data"/> with the key <c>encode(consumerSecret)&amp;encode(tokenSecret)</c>, cleared after use.</summary>
    private static int ComputeHash(OAuthSignatureMethod method, string consumerSecret, string? tokenSecret, ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var key = ArrayPool<byte>.Shared.Rent(SignatureAlgorithm.MaxKeyLength(consumerSecret, tokenSecret));
        try
        {
            var keyLength = SignatureAlgorithm.WriteKey(consumerSecret, tokenSecret, key);
            return SignatureAlgorithm.ComputeHash(method, key.AsSpan(0, keyLength), data, hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            ArrayPool<byte>.Shared.Return(key);
        }
    }

    private static OAuthWireRequest WithAuthorization(OAuthWireRequest request, string authorization) => new()
    {
        Method = request.Method,
        Url = request.Url,
        Authorization = authorization,
        ContentType = request.ContentType,
        Body = request.Body,
    };

    /// <summary>Writes the realm as an RFC 2617 quoted-string (it is not percent-encoded, and not signed).</summary>
    private static void AppendRealm(StringBuilder header, string realm)
    {
        header.Append(OAuthParameterNames.Realm).Append("=\"");
        foreach (var c in realm)
        {
            header.Append(c is '"' or '\\' ? "\\" : string.Empty).Append(c);
        }

        header.Append("\", ");
    }

    private static void AppendParameter(StringBuilder header, string name, string value) =>
        header.Append(name).Append("=\"")
            .Append(value.AsSpan().ContainsAnyExcept(PercentEncoding.UnreservedChars) ? PercentEncoding.Encode(value) : value)
            .Append("\", ");
}
