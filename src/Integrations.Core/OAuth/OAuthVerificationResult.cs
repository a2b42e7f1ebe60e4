using System.Diagnostics.CodeAnalysis;

namespace Integrations.OAuth;

/// <summary>The outcome of <see cref="IOAuthSigner.Verify"/>: whether the signature matches and, if not, why.</summary>
public sealed class OAuthVerificationResult
{
    /// <summary>The one result of every request that verifies (nothing to say, nothing allocated).</summary>
    internal static readonly OAuthVerificationResult Valid = new(null, null);

    internal OAuthVerificationResult(OAuthSignatureBase? signatureBase, OAuthProblem? problem)
    {
        SignatureBase = signatureBase;
        Problem = problem;
    }

    /// <summary>Whether the request parses and its signature matches.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    /// <summary>
    /// For a request that parses but does not verify, the strings the signer computed (to compare with the client's);
    /// otherwise <see langword="null"/>: a valid result carries none, so verifying costs no allocation
    /// (<see cref="IOAuthSigner.TryCreateSignatureBase"/> gives them for any request).
    /// </summary>
    public OAuthSignatureBase? SignatureBase { get; }

    /// <summary>Why the request does not verify, or <see langword="null"/>.</summary>
    public OAuthProblem? Problem { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "Valid" : $"Invalid: {Problem}";
}
