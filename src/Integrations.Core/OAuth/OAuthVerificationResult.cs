using System.Diagnostics.CodeAnalysis;

namespace Integrations.OAuth;

/// <summary>The outcome of <see cref="IOAuthSigner.Verify"/>: whether the signature matches and, if not, why.</summary>
public sealed class OAuthVerificationResult
{
    internal OAuthVerificationResult(OAuthSignatureBase? signatureBase, OAuthProblem? problem)
    {
        SignatureBase = signatureBase;
        Problem = problem;
    }

    /// <summary>Whether the request parses and its signature matches.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    /// <summary>The strings the signature was computed over, when the request could be parsed.</summary>
    public OAuthSignatureBase? SignatureBase { get; }

    /// <summary>Why the request does not verify, or <see langword="null"/>.</summary>
    public OAuthProblem? Problem { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "Valid" : $"Invalid: {Problem}";
}
