using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth;

/// <summary>
/// The <see cref="IOAuthRequestValidator"/> over <see cref="IIntegrationStore"/> and <see cref="INonceStore"/>.
/// Checks, in this order (the first failure is reported):
/// <list type="number">
/// <item>Stateless, before any lookup: the size of a signed form body (<see cref="OAuthOptions.MaxFormBodyLength"/>); the request line (method, absolute URL rebuilt per <see cref="OAuthOptions.PublicBaseUrl"/>
/// or <see cref="OAuthOptions.TrustForwardedHeaders"/>); parameter collection (header syntax, percent-encoding and UTF-8,
/// length, count (<see cref="OAuthOptions.MaxParameterCount"/>), <c>oauth_*</c> duplicates, one place only); required parameters present and not empty (consumer key, signature,
/// signature method, nonce, timestamp, plus the token and the verifier as the <see cref="OAuthFlow"/> says; no token on the
/// request-token flow); <c>oauth_version</c> is <c>1.0</c> (numerically, as Magento compares it) when present; the signature method is allowed; the timestamp is
/// a positive integer within <see cref="OAuthOptions.TimestampWindow"/> of the clock, both ways; the nonce is printable
/// ASCII of an accepted length; the consumer key and token have the issued format.</item>
/// <item>Stateful, all evaluated without early exit so that the time taken does not reveal which failed: the consumer
/// is known; the token is the one its integration holds (else unknown, or another consumer's); it is of the flow's
/// kind; the integration has the flow's status; the signature matches (constant-time). Unknown consumers and tokens are
/// signed with dummy secrets, and every failure makes the token lookup a success skips.</item>
/// <item>Only then the nonce is recorded (atomic try-add, kept until the timestamp leaves the window): a replay
/// within the window is refused, and unauthenticated traffic never fills the nonce store nor burns a client's nonces.</item>
/// </list>
/// </summary>
internal sealed class OAuthRequestValidator : IOAuthRequestValidator
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

    private readonly IIntegrationStore _store;
    private readonly INonceStore _nonces;
    private readonly OAuthKeyCache _keys;
    private readonly RequestOrigin _origin;
    private readonly OAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly IntegrationsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly long _windowSeconds;

    public OAuthRequestValidator(
        IIntegrationStore store,
        INonceStore nonces,
        OAuthKeyCache keys,
        RequestOrigin origin,
        IOptions<OAuthOptions> options,
        TimeProvider time,
        IntegrationsMetrics metrics,
        ILogger<OAuthRequestValidator> logger)
    {
        _store = store;
        _nonces = nonces;
        _keys = keys;
        _origin = origin;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _windowSeconds = (long)_options.TimestampWindow.TotalSeconds;
    }

    /// <summary>
    /// Whether accepted nonces are recorded (always in production). Benchmarks turn it off to measure the engine alone,
    /// as the nonce store is a storage concern.
    /// </summary>
    internal bool RecordsNonces { get; init; } = true;

    /// <inheritdoc />
    public ValueTask<OAuthValidationResult> ValidateAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _metrics.ObservesValidations || IntegrationsActivitySource.Source.HasListeners()
            ? ValidateObservedAsync(request, flow, cancellationToken)
            : ValidateCoreAsync(request, flow, cancellationToken);
    }

    /// <summary>The validation with its span and measurements, when something listens.</summary>
    private async ValueTask<OAuthValidationResult> ValidateObservedAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        using var activity = IntegrationsActivitySource.Source.StartActivity("integrations.oauth.validate");
        activity?.SetTag(IntegrationsMetrics.FlowTag, flow.Name);
        var start = Stopwatch.GetTimestamp();
        OAuthValidationResult result;
        try
        {
            result = await ValidateCoreAsync(request, flow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var outcome = IntegrationsMetrics.FailureOutcome(exception);
            _metrics.RecordValidation(flow.Name, outcome, start);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }

        _metrics.RecordValidation(flow.Name, IntegrationsMetrics.ValidationOutcome(result.Problem?.Reason), start);
        if (activity is not null)
        {
            activity.SetTag(IntegrationsMetrics.OutcomeTag, IntegrationsMetrics.ValidationOutcome(result.Problem?.Reason));
            if (result.Succeeded)
            {
                activity.SetTag(IntegrationsActivitySource.IntegrationIdTag, result.Integration.Id);
            }
            else
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Problem.Code);
            }
        }

        return result;
    }

    private async ValueTask<OAuthValidationResult> ValidateCoreAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.Rent();
        try
        {
            var problem = CheckRequest(request, flow, parameters, out var method, out var timestamp, out var now);
            if (problem is not null)
            {
                _logger.MalformedRequestRejected(flow, problem.Code, problem.Reason);
                return OAuthValidationResult.Fail(problem);
            }

            var cached = _keys.Find(method, parameters.EncodedValue(ProtocolParameter.ConsumerKey), Token(parameters, flow), now);
            var consumerKey = cached?.ConsumerKey ?? parameters.EncodedValue(ProtocolParameter.ConsumerKey).ToString();
            var integration = await _store.FindByConsumerKeyAsync(consumerKey, cancellationToken).ConfigureAwait(false);
            if (integration is not null && !string.Equals(integration.ConsumerKey, consumerKey, StringComparison.Ordinal))
            {
                integration = null; // a case-insensitive store collation matched another key
            }

            var heldToken = flow.ExpectedTokenType is null ? null : integration?.Token;
            var tokenMatches = heldToken is not null && (cached?.TokenHash is { } presentedHash
                ? string.Equals(presentedHash, heldToken.Hash, StringComparison.Ordinal) // the entry is keyed by the presented token
                : CredentialHasher.Matches(Token(parameters, flow), heldToken.Hash));
            var protectedConsumerSecret = integration?.ProtectedConsumerSecret ?? _keys.DummyConsumerSecret;
            var protectedTokenSecret = flow.ExpectedTokenType is null ? null : tokenMatches ? heldToken!.ProtectedSecret : _keys.DummyTokenSecret;
            if (cached is null || !cached.IsFor(protectedConsumerSecret, protectedTokenSecret))
            {
                cached = _keys.Create(method, parameters.EncodedValue(ProtocolParameter.ConsumerKey), Token(parameters, flow), protectedConsumerSecret, protectedTokenSecret);
            }

            var signatureMatches = SignatureMatches(parameters, request.Method, cached, out var baseString);
            problem = integration is null ? OAuthProblems.ConsumerKeyUnknown
                : flow.ExpectedTokenType is not null && !tokenMatches ? OAuthProblems.TokenUnknown
                : heldToken is not null && heldToken.Type != flow.ExpectedTokenType ? OAuthProblems.TokenTypeRejected(flow)
                : integration.Status != flow.RequiredStatus ? OAuthProblems.IntegrationStatusRejected(flow)
                : !signatureMatches ? OAuthProblems.SignatureInvalid
                : null;

            if (problem is not null)
            {
                // every failure pays the token lookup, so an unknown consumer or token costs what a bad signature costs
                Integration? holder = null;
                if (flow.ExpectedTokenType is not null)
                {
                    holder = await _store.FindByTokenHashAsync(cached.TokenHash ?? CredentialHasher.Hash(Token(parameters, flow)), cancellationToken).ConfigureAwait(false);
                }

                if (problem.Reason == OAuthProblemReason.TokenUnknown && holder is not null && holder.Id != integration!.Id)
                {
                    problem = OAuthProblems.TokenNotOwnedByConsumer(flow);
                }

                if (problem.Reason == OAuthProblemReason.SignatureInvalid && _options.IncludeBaseStringInProblems)
                {
                    problem = problem.WithBaseString(baseString ?? string.Empty);
                }

                _logger.RequestRejected(flow, problem.Code, problem.Reason, consumerKey);
                return OAuthValidationResult.Fail(problem);
            }

            cached.Proven = true; // the pair is an integration's: its key survives floods of unauthenticated requests
            var verifier = flow.RequiresVerifier ? parameters.DecodedValue(ProtocolParameter.Verifier) : null;
            var callback = flow.ExpectedTokenType is null ? parameters.DecodedValue(ProtocolParameter.Callback) : null;
            if (RecordsNonces)
            {
                var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Max(timestamp, now.ToUnixTimeSeconds()) + _windowSeconds + 1); // past the last second the timestamp is accepted
                var nonce = parameters.DecodedValue(ProtocolParameter.Nonce)!;
                if (!await _nonces.TryAddAsync(integration!.ConsumerKey, nonce, expiresAt, cancellationToken).ConfigureAwait(false))
                {
                    problem = OAuthProblems.NonceUsed(integration.Id);
                    _logger.RequestRejected(flow, problem.Code, problem.Reason, consumerKey);
                    return OAuthValidationResult.Fail(problem);
                }
            }

            return OAuthValidationResult.Success(integration!, heldToken, verifier, callback);
        }
        finally
        {
            RequestParameters.Return(parameters);
        }
    }

    private OAuthProblem? CheckRequest(in OAuthWireRequest request, OAuthFlow flow, RequestParameters parameters, out OAuthSignatureMethod method, out long timestamp, out DateTimeOffset now)
    {
        method = default;
        timestamp = 0;
        now = default;
        if (request.Body.Length > _options.MaxFormBodyLength && OAuthWireRequest.IsFormContentType(request.ContentType))
        {
            return OAuthProblems.FormBodyTooLarge(_options.MaxFormBodyLength);
        }

        var problem = parameters.Collect(request, _options.MaxParameterCount);
        if (problem is not null)
        {
            return problem;
        }

        if (!_origin.TryRebuild(request, parameters.Url, out var url))
        {
            return OAuthProblems.RequestLineInvalid;
        }

        parameters.UseUrl(url);
        if (MissingParameters(parameters, flow) is { } missing)
        {
            return OAuthProblems.ParameterAbsent(missing);
        }

        if (flow.ExpectedTokenType is null && !parameters.EncodedValue(ProtocolParameter.Token).IsEmpty)
        {
            return OAuthProblems.TokenUnexpected;
        }

        if (parameters.Has(ProtocolParameter.Version) && !IsVersion1(parameters))
        {
            return OAuthProblems.VersionRejected(parameters.DecodedValue(ProtocolParameter.Version)!);
        }

        if (!SignatureAlgorithm.TryParse(parameters.EncodedValue(ProtocolParameter.SignatureMethod), out method)
            || (method == OAuthSignatureMethod.HmacSha1 && !_options.AllowHmacSha1)
            || (method == OAuthSignatureMethod.HmacSha256 && !_options.AllowHmacSha256))
        {
            return OAuthProblems.SignatureMethodRejected(parameters.DecodedValue(ProtocolParameter.SignatureMethod)!);
        }

        var timestampText = parameters.EncodedValue(ProtocolParameter.Timestamp);
        if (timestampText.Length > 18 || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp) || timestamp <= 0)
        {
            return OAuthProblems.TimestampInvalid;
        }

        now = _time.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > _windowSeconds)
        {
            return OAuthProblems.TimestampRefused;
        }

        if (!IsWellFormedNonce(parameters.EncodedValue(ProtocolParameter.Nonce)))
        {
            return OAuthProblems.NonceInvalid;
        }

        if (!CredentialGenerator.IsWellFormed(parameters.EncodedValue(ProtocolParameter.ConsumerKey)))
        {
            return OAuthProblems.ConsumerKeyMalformed;
        }

        if (flow.ExpectedTokenType is not null && !CredentialGenerator.IsWellFormed(parameters.EncodedValue(ProtocolParameter.Token)))
        {
            return OAuthProblems.TokenMalformed;
        }

        return null;
    }

    /// <summary>The required parameters missing or empty, in Magento's order, or <see langword="null"/> (allocates only then).</summary>
    private static List<string>? MissingParameters(RequestParameters parameters, OAuthFlow flow)
    {
        List<string>? missing = null;
        foreach (var (parameter, name) in AlwaysRequired)
        {
            if (parameters.EncodedValue(parameter).IsEmpty)
            {
                (missing ??= []).Add(name);
            }
        }

        if (flow.ExpectedTokenType is not null && parameters.EncodedValue(ProtocolParameter.Token).IsEmpty)
        {
            (missing ??= []).Add(OAuthParameterNames.Token);
        }

        if (flow.RequiresVerifier && parameters.EncodedValue(ProtocolParameter.Verifier).IsEmpty)
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

    private bool IsWellFormedNonce(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length > 3 * _options.NonceMaxLength)
        {
            return false;
        }

        if (!encoded.Contains('%'))
        {
            // stored values are canonically encoded: without an escape, every character is unreserved
            return encoded.Length >= _options.NonceMinLength && encoded.Length <= _options.NonceMaxLength;
        }

        Span<byte> nonce = stackalloc byte[encoded.Length];
        var length = RequestParameters.DecodeStored(encoded, nonce);
        return length >= _options.NonceMinLength && length <= _options.NonceMaxLength
            && !nonce[..length].ContainsAnyExceptInRange((byte)'!', (byte)'~');
    }

    private static ReadOnlySpan<char> Token(RequestParameters parameters, OAuthFlow flow) =>
        flow.ExpectedTokenType is null ? default : parameters.EncodedValue(ProtocolParameter.Token);

    private bool SignatureMatches(RequestParameters parameters, string method, KeyedHmac key, out string? baseString)
    {
        parameters.Sort();
        var data = parameters.WriteBaseString(method);
        baseString = _options.IncludeBaseStringInProblems ? System.Text.Encoding.ASCII.GetString(data) : null;
        Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
        var hashLength = key.TryComputeHash(data, hash);
        if (hashLength < 0)
        {
            // the entry was evicted meanwhile: compute with its stored secrets once, without the cache
            using var fresh = _keys.CreateUncached(key);
            hashLength = fresh.TryComputeHash(data, hash);
        }

        if (!_keys.Enabled)
        {
            key.Dispose();
        }

        return SignatureAlgorithm.Matches(hash[..hashLength], parameters.EncodedValue(ProtocolParameter.Signature));
    }
}
