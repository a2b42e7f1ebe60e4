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
    }

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

    internal OAuthProblem WithBaseString(string baseString) => new(Reason, Code, Phrase, StatusCode, ParameterName, baseString);
}
