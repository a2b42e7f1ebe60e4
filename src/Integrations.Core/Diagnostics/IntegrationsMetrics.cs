using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Integrations.Diagnostics;

/// <summary>
/// The library's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter
/// <see cref="IntegrationsTelemetry.MeterName"/>. Every tag has a small fixed set of values (snake_case names of
/// the library's own enums and problem codes), never an id, a key or a secret. Measurements are taken only while
/// something listens, so an unobserved host pays one field read per operation. Registered as a singleton by
/// <c>AddIntegrations</c>.
/// </summary>
internal sealed class IntegrationsMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = IntegrationsTelemetry.MeterName;

    /// <summary>Counter of signed requests checked by the OAuth validator, tagged <see cref="FlowTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string OAuthValidations = "integrations.oauth.validations";

    /// <summary>Histogram of the time, in seconds, one OAuth validation took (lookups included), tagged like <see cref="OAuthValidations"/>.</summary>
    public const string OAuthValidationDuration = "integrations.oauth.validation.duration";

    /// <summary>Counter of ACL decisions, tagged <see cref="OutcomeTag"/> (<c>granted</c>, <c>resources_not_granted</c>, ...).</summary>
    public const string AclDecisions = "integrations.acl.decisions";

    /// <summary>Counter of credential POSTs to callback URLs, tagged <see cref="OutcomeTag"/> (<c>delivered</c>, <c>timeout</c>, ...).</summary>
    public const string CallbackPosts = "integrations.activation.callback_posts";

    /// <summary>Counter of token exchange requests, tagged <see cref="FlowTag"/> and <see cref="OutcomeTag"/> (<c>issued</c> or the problem code).</summary>
    public const string TokenExchanges = "integrations.activation.token_exchanges";

    /// <summary>The name of the counter of requests answered 503 because the stores could not answer.</summary>
    public const string StorageUnavailable = "integrations.storage.unavailable";

    /// <summary>The tag naming the OAuth flow: <c>request_token</c>, <c>access_token</c>, <c>protected_resource</c>, or <c>bearer</c> for an unsigned access token.</summary>
    public const string FlowTag = "integrations.flow";

    /// <summary>The <see cref="FlowTag"/> value of a Bearer token validation.</summary>
    internal const string BearerFlow = "bearer";

    /// <summary>The tag naming how an operation ended: <c>accepted</c>, <c>granted</c>, <c>delivered</c>, <c>issued</c>, or the reason it failed.</summary>
    public const string OutcomeTag = "integrations.outcome";

    private readonly Counter<long> _validations;
    private readonly Histogram<double> _validationDuration;
    private readonly Counter<long> _aclDecisions;
    private readonly Counter<long> _callbackPosts;
    private readonly Counter<long> _tokenExchanges;
    private readonly Counter<long> _storageUnavailable;

    /// <summary>Creates the instruments on a meter made by <paramref name="meterFactory"/> (which owns and disposes it).</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public IntegrationsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _validations = meter.CreateCounter<long>(OAuthValidations, "{request}", "Signed requests checked by the OAuth 1.0a validator.");
        _validationDuration = meter.CreateHistogram(
            OAuthValidationDuration,
            "s",
            "Time taken by one OAuth 1.0a validation, store lookups included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1] });
        _aclDecisions = meter.CreateCounter<long>(AclDecisions, "{decision}", "Resource ACL decisions.");
        _callbackPosts = meter.CreateCounter<long>(CallbackPosts, "{post}", "Credential POSTs to integrations' callback URLs.");
        _tokenExchanges = meter.CreateCounter<long>(TokenExchanges, "{request}", "Request-token and access-token exchange requests.");
        _storageUnavailable = meter.CreateCounter<long>(StorageUnavailable, "{request}", "Requests answered 503 because the integrations storage was unavailable.");
    }

    /// <summary>Whether a listener wants OAuth validation measurements (check before timing one).</summary>
    internal bool ObservesValidations => _validations.Enabled || _validationDuration.Enabled;

    /// <summary>The <see cref="OutcomeTag"/> value of an operation that threw: <c>canceled</c> or <c>exception</c> (a store outage, for example).</summary>
    internal static string FailureOutcome(Exception exception) => exception is OperationCanceledException ? "canceled" : "exception";

    /// <summary>Records one OAuth validation and how it ended (<c>accepted</c>, the problem's reason in snake_case, or <see cref="FailureOutcome"/>).</summary>
    internal void RecordValidation(string flow, string outcome, long startTimestamp)
    {
        if (!ObservesValidations)
        {
            return;
        }

        var tags = new TagList
        {
            { FlowTag, flow },
            { OutcomeTag, outcome },
        };
        _validations.Add(1, tags);
        if (_validationDuration.Enabled)
        {
            _validationDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }
    }

    /// <summary>Whether a listener wants ACL decisions (check before naming the outcome of one).</summary>
    internal bool ObservesAclDecisions => _aclDecisions.Enabled;

    /// <summary>Records one ACL decision and its outcome (<c>granted</c> or the refusal in snake_case).</summary>
    internal void RecordAclDecision(string outcome) => _aclDecisions.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>Records one callback POST and how it ended.</summary>
    internal void RecordCallbackPost(string outcome)
    {
        if (_callbackPosts.Enabled)
        {
            _callbackPosts.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }

    /// <summary>Records one token exchange request and how it ended (<c>issued</c>, the problem code, or <see cref="FailureOutcome"/>).</summary>
    internal void RecordTokenExchange(string flow, string outcome)
    {
        if (_tokenExchanges.Enabled)
        {
            _tokenExchanges.Add(1, new(FlowTag, flow), new(OutcomeTag, outcome));
        }
    }

    /// <summary>Records one request answered 503 because the stores could not answer.</summary>
    internal void RecordStorageUnavailable() => _storageUnavailable.Add(1);

    /// <summary>The tag values of an enum's members (their names in snake_case), for the measured code to look its outcomes up in.</summary>
    internal static FrozenDictionary<TEnum, string> SnakeCaseNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));
}
