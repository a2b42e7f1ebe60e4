using System.Diagnostics.CodeAnalysis;
using Integrations.Model;

namespace Integrations.OAuth;

/// <summary>
/// The outcome of <see cref="IOAuthRequestValidator.ValidateAsync"/>: on success the integration and the token that
/// signed the request (and the protocol values the next step needs); otherwise the <see cref="Problem"/>.
/// A struct so that a successful validation allocates nothing; its default value is a refusal
/// (<see cref="OAuthProblemReason.NotValidated"/>), never a success.
/// </summary>
public readonly struct OAuthValidationResult
{
    private readonly OAuthProblem? _problem;

    private OAuthValidationResult(Integration? integration, IntegrationToken? token, string? verifier, string? callback, OAuthProblem? problem)
    {
        Integration = integration;
        Token = token;
        Verifier = verifier;
        Callback = callback;
        _problem = problem;
    }

    /// <summary>Whether every check passed and the nonce was recorded.</summary>
    [MemberNotNullWhen(true, nameof(Integration))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Integration is not null && _problem is null;

    /// <summary>The integration whose consumer signed the request (as read from the store), on success.</summary>
    public Integration? Integration { get; }

    /// <summary>The token that signed the request (the request token or the access token), or <see langword="null"/> for the request-token flow.</summary>
    public IntegrationToken? Token { get; }

    /// <summary>The <c>oauth_verifier</c> sent with an <see cref="OAuthFlow.AccessToken"/> request, for the exchange service to compare.</summary>
    public string? Verifier { get; }

    /// <summary>The <c>oauth_callback</c> sent with a <see cref="OAuthFlow.RequestToken"/> request, if any.</summary>
    public string? Callback { get; }

    /// <summary>Why the request was rejected, on failure (<see cref="OAuthProblemReason.NotValidated"/> for a default value).</summary>
    public OAuthProblem? Problem => _problem ?? (Integration is null ? OAuthProblems.NotValidated : null);

    /// <summary>Creates a success.</summary>
    /// <param name="integration">The integration.</param>
    /// <param name="token">The token that signed the request, if any.</param>
    /// <param name="verifier">The received verifier, if any.</param>
    /// <param name="callback">The received callback, if any.</param>
    /// <returns>The result.</returns>
    public static OAuthValidationResult Success(Integration integration, IntegrationToken? token, string? verifier = null, string? callback = null)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return new(integration, token, verifier, callback, null);
    }

    /// <summary>Creates a rejection.</summary>
    /// <param name="problem">Why.</param>
    /// <returns>The result.</returns>
    public static OAuthValidationResult Fail(OAuthProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(null, null, null, null, problem);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Succeeded: {Integration}" : $"Rejected: {Problem}";
}
