using System.Collections.ObjectModel;

namespace Integrations.OAuth;

/// <summary>
/// Why a request was rejected, in the three forms its audiences need: a stable <see cref="Reason"/> for code, the
/// RFC-style <see cref="Code"/> (OAuth Problem Reporting), Magento's <see cref="Phrase"/> for the
/// <c>oauth_problem</c> body, and the HTTP <see cref="StatusCode"/>. Never carries a secret.
/// </summary>
public sealed class OAuthProblem
{
    internal OAuthProblem(OAuthProblemReason reason, string code, string phrase, int statusCode, string? parameterName = null, string? baseString = null)
    {
        Reason = reason;
        Code = code;
        Phrase = phrase;
        StatusCode = statusCode;
        ParameterName = parameterName;
        BaseString = baseString;
        MessageTemplate = phrase;
    }

    /// <summary>
    /// Magento's message with its placeholders (<c>%1</c>, <c>%fieldName</c>), as its REST JSON errors carry it in
    /// <c>message</c>; the <see cref="Phrase"/> itself when the message has none.
    /// </summary>
    public string MessageTemplate { get; private init; }

    /// <summary>
    /// The values of <see cref="MessageTemplate"/>'s placeholders, in order: named <c>1</c>, <c>2</c>, … for positional
    /// ones (a JSON array in Magento's <c>parameters</c>), by name otherwise (a JSON object). Empty when there are none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> MessageParameters { get; private init; } = [];

    /// <summary>
    /// The single input errors of an aggregate (several required parameters missing), which Magento's REST errors list
    /// under <c>errors</c>; empty otherwise.
    /// </summary>
    public IReadOnlyList<OAuthProblem> InputErrors { get; private init; } = [];

    /// <summary>The check that failed.</summary>
    public OAuthProblemReason Reason { get; }

    /// <summary>The RFC-style problem code, for example <c>signature_invalid</c> or <c>timestamp_refused</c>.</summary>
    public string Code { get; }

    /// <summary>The human phrase, Magento's wording where Magento has one (for example <c>The signature is invalid. Verify and try again.</c>).</summary>
    public string Phrase { get; }

    /// <summary>The HTTP status to answer with: 400 for malformed or unsupported requests, 401 for failed authentication, 503 when the stores could not answer.</summary>
    public int StatusCode { get; }

    /// <summary>The parameter concerned, when there is one (for example <c>oauth_nonce</c> for a missing nonce).</summary>
    public string? ParameterName { get; }

    /// <summary>
    /// The signature base string the server computed, only for <see cref="OAuthProblemReason.SignatureInvalid"/> and only
    /// when <see cref="OAuthOptions.IncludeBaseStringInProblems"/> is on. It holds no secret; compare it with the client's.
    /// </summary>
    public string? BaseString { get; }

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {Code}: {Phrase}";

    internal OAuthProblem WithBaseString(string baseString) =>
        new(Reason, Code, Phrase, StatusCode, ParameterName, baseString) { MessageTemplate = MessageTemplate, MessageParameters = MessageParameters, InputErrors = InputErrors };

    /// <summary>The same problem with Magento's message template and its positional parameters (<c>%1</c>, …).</summary>
    internal OAuthProblem WithTemplate(string template, params string[] positional) =>
        WithTemplate(template, positional.Select((value, i) => KeyValuePair.Create((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), value)).ToArray());

    /// <summary>The same problem with Magento's message template and its parameters.</summary>
    internal OAuthProblem WithTemplate(string template, KeyValuePair<string, string>[] parameters) =>
        new(Reason, Code, Phrase, StatusCode, ParameterName, BaseString) { MessageTemplate = template, MessageParameters = new ReadOnlyCollection<KeyValuePair<string, string>>(parameters), InputErrors = InputErrors };

    /// <summary>The same problem as an aggregate of single input errors.</summary>
    internal OAuthProblem WithInputErrors(string template, IReadOnlyList<OAuthProblem> errors) =>
        new(Reason, Code, Phrase, StatusCode, ParameterName, BaseString) { MessageTemplate = template, InputErrors = errors };
}
