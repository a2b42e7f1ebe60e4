using System.Collections.ObjectModel;
using Integrations.OAuth;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// A refusal of an API call as the adapter writes it on the wire: the HTTP status, Magento's message template with
/// its parameters (written as <c>{"message":…,"parameters":…}</c>) and the RFC-style problem code announced in
/// <c>WWW-Authenticate: OAuth …, oauth_problem="…"</c>.
/// </summary>
public sealed class IntegrationsErrorAnswer
{
    /// <summary>Magento's message when an endpoint's resources are refused.</summary>
    public const string NotAuthorizedMessage = "The consumer isn't authorized to access %resources.";

    private const string NoResourcesMessage = "The consumer isn't authorized to access the requested resources.";

    /// <summary>The problem code of an authenticated integration refused by the resource ACL.</summary>
    public const string PermissionDenied = "permission_denied";

    /// <summary>Creates an answer.</summary>
    /// <param name="statusCode">The HTTP status (400 or 401 in practice).</param>
    /// <param name="message">Magento's message, with <c>%1</c>-style or <c>%name</c>-style placeholders.</param>
    /// <param name="problem">The RFC-style problem code, or <see langword="null"/> when the request carried no credentials.</param>
    /// <param name="positionalParameters">Values of <c>%1</c>, <c>%2</c>, …</param>
    /// <param name="namedParameters">Values of <c>%name</c> placeholders.</param>
    public IntegrationsErrorAnswer(
        int statusCode,
        string message,
        string? problem = null,
        IReadOnlyList<string>? positionalParameters = null,
        IReadOnlyDictionary<string, string>? namedParameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        StatusCode = statusCode;
        Message = message;
        Problem = problem;
        PositionalParameters = positionalParameters ?? [];
        NamedParameters = namedParameters ?? ReadOnlyDictionary<string, string>.Empty;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Magento's message template.</summary>
    public string Message { get; }

    /// <summary>The RFC-style problem code, or <see langword="null"/>.</summary>
    public string? Problem { get; }

    /// <summary>The values of <c>%1</c>, <c>%2</c>, … in <see cref="Message"/>.</summary>
    public IReadOnlyList<string> PositionalParameters { get; }

    /// <summary>The values of <c>%name</c> placeholders in <see cref="Message"/>.</summary>
    public IReadOnlyDictionary<string, string> NamedParameters { get; }

    /// <summary>The single errors of an aggregate (Magento's <c>errors</c>: several required parameters missing); empty otherwise.</summary>
    public IReadOnlyList<IntegrationsErrorAnswer> Errors { get; init; } = [];

    /// <summary>
    /// The base string the server computed, when Core's diagnostics mode is on and the signature was refused
    /// (never a secret), or <see langword="null"/>. Sent as <c>base_string</c> in JSON and
    /// <c>oauth_signature_base_string</c> in form answers.
    /// </summary>
    public string? BaseString { get; init; }

    /// <summary>The answer to a refusal of Core's OAuth engine: its status, phrase, problem code and diagnostics.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The answer.</returns>
    public static IntegrationsErrorAnswer From(OAuthProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var parameters = problem.MessageParameters;
        var positional = parameters.Count > 0 && parameters.Select((p, i) => p.Key == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).All(match => match);
        return new(
            problem.StatusCode,
            problem.MessageTemplate,
            problem.Code,
            positional ? [.. parameters.Select(p => p.Value)] : null,
            positional || parameters.Count == 0 ? null : parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
        {
            BaseString = problem.BaseString,
            Errors = [.. problem.InputErrors.Select(From)],
        };
    }

    /// <summary>
    /// Magento's 401 for an endpoint whose resources the caller may not use:
    /// <c>The consumer isn't authorized to access %resources.</c> with the resources joined by <c>", "</c>; with no
    /// resources known, <c>The consumer isn't authorized to access the requested resources.</c>
    /// </summary>
    /// <param name="resources">The endpoint's required resources.</param>
    /// <param name="problem">The problem code (<see cref="PermissionDenied"/>, or the reason credentials were refused, or none).</param>
    /// <returns>The answer.</returns>
    public static IntegrationsErrorAnswer NotAuthorized(IEnumerable<string> resources, string? problem)
    {
        var joined = string.Join(", ", resources);
        return joined.Length == 0
            ? new(401, NoResourcesMessage, problem)
            : new(401, NotAuthorizedMessage, problem, namedParameters: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["resources"] = joined,
            });
    }

    /// <summary>The message with its placeholders replaced, as Magento renders it.</summary>
    /// <returns>The formatted phrase.</returns>
    public string FormatMessage()
    {
        var text = Message;
        for (var i = PositionalParameters.Count; i >= 1; i--)
        {
            text = text.Replace("%" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), PositionalParameters[i - 1], StringComparison.Ordinal);
        }

        foreach (var (name, value) in NamedParameters.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace("%" + name, value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {Problem ?? "-"}: {FormatMessage()}";
}
