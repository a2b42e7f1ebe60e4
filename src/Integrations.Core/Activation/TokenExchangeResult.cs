using System.Diagnostics.CodeAnalysis;
using Integrations.OAuth;

namespace Integrations.Activation;

/// <summary>
/// The answer to a request-token or access-token call, ready for an HTTP adapter: on success the new token and
/// secret; otherwise the RFC-style <see cref="ProblemCode"/>, Magento's <see cref="Phrase"/> and the HTTP
/// <see cref="StatusCode"/>. <see cref="Body"/> is Magento's response body either way. <see cref="ToString"/> never
/// shows the secret.
/// </summary>
public sealed class TokenExchangeResult
{
    private TokenExchangeResult(string? token, string? tokenSecret, string? problemCode, string? phrase, int statusCode, OAuthProblem? oauthProblem)
    {
        Token = token;
        TokenSecret = tokenSecret;
        ProblemCode = problemCode;
        Phrase = phrase;
        StatusCode = statusCode;
        OAuthProblem = oauthProblem;
    }

    /// <summary>Whether a token was issued.</summary>
    [MemberNotNullWhen(true, nameof(Token), nameof(TokenSecret))]
    [MemberNotNullWhen(false, nameof(ProblemCode), nameof(Phrase))]
    public bool Succeeded => ProblemCode is null;

    /// <summary>The issued request or access token (<c>oauth_token</c>), on success.</summary>
    public string? Token { get; }

    /// <summary>The issued token secret (<c>oauth_token_secret</c>), on success.</summary>
    public string? TokenSecret { get; }

    /// <summary>The RFC-style problem code (for example <c>verifier_invalid</c>), on failure.</summary>
    public string? ProblemCode { get; }

    /// <summary>Magento's phrase (for example <c>Consumer key has expired</c>), on failure.</summary>
    public string? Phrase { get; }

    /// <summary>The HTTP status to answer with: 200 on success, 400 or 401 otherwise.</summary>
    public int StatusCode { get; }

    /// <summary>The OAuth engine's problem when the request itself was rejected (signature, nonce, token…), else <see langword="null"/>.</summary>
    public OAuthProblem? OAuthProblem { get; }

    /// <summary>
    /// Magento's form-encoded response body: <c>oauth_token=…&amp;oauth_token_secret=…</c> on success,
    /// <c>oauth_problem=…</c> (spaces as <c>+</c>) otherwise.
    /// </summary>
    public string Body => Succeeded
        ? $"oauth_token={Encode(Token)}&oauth_token_secret={Encode(TokenSecret)}"
        : $"oauth_problem={Encode(Phrase)}";

    /// <inheritdoc />
    public override string ToString() => Succeeded ? "200 token issued (secret redacted)" : $"{StatusCode} {ProblemCode}: {Phrase}";

    internal static TokenExchangeResult Issued(string token, string tokenSecret) => new(token, tokenSecret, null, null, 200, null);

    internal static TokenExchangeResult Rejected(string problemCode, string phrase, int statusCode) => new(null, null, problemCode, phrase, statusCode, null);

    internal static TokenExchangeResult Rejected(OAuthProblem problem) => new(null, null, problem.Code, problem.Phrase, problem.StatusCode, problem);

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
