namespace Integrations.Activation;

/// <summary>The rejections of the token exchange itself (the request was authentic), with Magento's phrases and codes.</summary>
internal static class TokenExchangeProblems
{
    public static TokenExchangeResult ConsumerKeyExpired { get; } =
        TokenExchangeResult.Rejected("consumer_key_rejected", "Consumer key has expired", 401);

    public static TokenExchangeResult NotVerifierToken { get; } =
        TokenExchangeResult.Rejected("token_used", "Cannot create request token because consumer token is not a verifier token", 401);

    public static TokenExchangeResult TokenAlreadyUsed { get; } =
        TokenExchangeResult.Rejected("token_used", "Token is already being used", 401);

    public static TokenExchangeResult VerifierInvalid { get; } =
        TokenExchangeResult.Rejected("verifier_invalid", "Verifier is invalid", 401);

    public static TokenExchangeResult VerifierLengthInvalid { get; } =
        TokenExchangeResult.Rejected("verifier_invalid", "Verifier is not the correct length", 401);

    public static TokenExchangeResult VerifierMismatch { get; } =
        TokenExchangeResult.Rejected("verifier_invalid", "Token verifier and verifier token do not match", 401);
}
