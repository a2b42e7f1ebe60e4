using System.Diagnostics.CodeAnalysis;
using Integrations.OAuth;

namespace Integrations.Activation;

/// <summary>
/// The third party's half of the activation handshake, Magento's <c>/oauth/token/request</c> and
/// <c>/oauth/token/access</c>. HTTP adapters hand over the request as received (or as already validated by the
/// <see cref="IOAuthRequestValidator"/> with the matching <see cref="OAuthFlow"/>) and write the result back. Never
/// throws for a bad request: every rejection is a result.
/// </summary>
public interface ITokenExchangeService
{
    /// <summary>
    /// Issues the request token: the request must be signed with the consumer key and secret only, while the
    /// integration waits for its exchange and within <see cref="IntegrationsOptions.TokenExchangeWindow"/> of the
    /// credentials POST, and only once per POST.
    /// </summary>
    /// <param name="request">The request as received.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The request token and secret, or why not.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (the request as received or as validated); only the cancellation token is optional.")]
    Task<TokenExchangeResult> IssueRequestTokenAsync(OAuthWireRequest request, CancellationToken cancellationToken = default);

    /// <summary>Issues the request token for a request the engine validated with <see cref="OAuthFlow.RequestToken"/>.</summary>
    /// <param name="validated">The engine's result.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The request token and secret, or why not.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (the request as received or as validated); only the cancellation token is optional.")]
    Task<TokenExchangeResult> IssueRequestTokenAsync(OAuthValidationResult validated, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exchanges the request token and the verifier for the access token: the request must be signed with the
    /// consumer and the request token and carry <c>oauth_verifier</c>, which must be the verifier posted to the
    /// callback URL (compared in constant time). The integration becomes Active.
    /// </summary>
    /// <param name="request">The request as received.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The access token and secret, or why not.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (the request as received or as validated); only the cancellation token is optional.")]
    Task<TokenExchangeResult> IssueAccessTokenAsync(OAuthWireRequest request, CancellationToken cancellationToken = default);

    /// <summary>Exchanges the request token for a request the engine validated with <see cref="OAuthFlow.AccessToken"/>.</summary>
    /// <param name="validated">The engine's result.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The access token and secret, or why not.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (the request as received or as validated); only the cancellation token is optional.")]
    Task<TokenExchangeResult> IssueAccessTokenAsync(OAuthValidationResult validated, CancellationToken cancellationToken = default);
}
