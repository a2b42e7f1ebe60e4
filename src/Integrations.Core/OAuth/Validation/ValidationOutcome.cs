using System.Collections.Frozen;
using Integrations.Diagnostics;

namespace Integrations.OAuth.Validation;

/// <summary>The <see cref="IntegrationsMetrics.OutcomeTag"/> value of an OAuth validation, named here so that telemetry need not know the OAuth engine.</summary>
internal static class ValidationOutcome
{
    private static readonly FrozenDictionary<OAuthProblemReason, string> ProblemNames = IntegrationsMetrics.SnakeCaseNames<OAuthProblemReason>();

    /// <summary><c>accepted</c>, or the problem's reason in snake_case.</summary>
    public static string Of(OAuthProblemReason? problem) => problem is { } reason ? ProblemNames[reason] : "accepted";
}
