using System.Text;
using Integrations.Activation;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Integrations.Stores;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Endpoints;

/// <summary>Maps Magento's OAuth token endpoints.</summary>
public static class IntegrationsEndpointRouteBuilderExtensions
{
    /// <summary>The request-token path, as Magento.</summary>
    public const string RequestTokenPath = "/oauth/token/request";

    /// <summary>The access-token path, as Magento.</summary>
    public const string AccessTokenPath = "/oauth/token/access";

    /// <summary>
    /// Maps <c>/oauth/token/request</c> and <c>/oauth/token/access</c> (GET or POST; the method is part of the signature)
    /// to Core's token exchange, answering with Magento's bodies and statuses: <c>200 oauth_token=…&amp;oauth_token_secret=…</c>,
    /// or <c>400</c>/<c>401 oauth_problem=…</c> (401 with <c>WWW-Authenticate: OAuth realm="…", oauth_problem="…"</c>), or
    /// <c>503 oauth_problem=The+service+is+temporarily+unavailable…</c> with <c>Retry-After</c> when the stores cannot answer.
    /// The endpoints allow anonymous callers: the signed request itself is the credential. The realm is that of the
    /// integrations scheme, under the name the host registered it.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group holding both endpoints, for further conventions.</returns>
    public static RouteGroupBuilder MapIntegrationsOAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        group.MapMethods(RequestTokenPath, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, ITokenExchangeService exchange) => ExchangeAsync(context, exchange.IssueRequestTokenAsync));
        group.MapMethods(AccessTokenPath, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, ITokenExchangeService exchange) => ExchangeAsync(context, exchange.IssueAccessTokenAsync));
        group.AllowAnonymous().DisableAntiforgery().WithMetadata(TokenEndpointMetadata.Instance);
        return group;
    }

    private static async Task ExchangeAsync(HttpContext context, Func<OAuth.OAuthWireRequest, CancellationToken, Task<TokenExchangeResult>> exchange)
    {
        var oauthOptions = context.RequestServices.GetRequiredService<IOptions<OAuth.OAuthOptions>>().Value;
        var wire = await WireRequestReader.ReadAsync(context.Request, oauthOptions, context.RequestAborted).ConfigureAwait(false);
        var result = await exchange(wire, context.RequestAborted).ConfigureAwait(false);
        var response = context.Response;
        var scheme = context.RequestServices.GetService<IntegrationsAuthenticationScheme>()?.Name ?? IntegrationsAuthenticationDefaults.AuthenticationScheme;
        var realm = context.RequestServices.GetRequiredService<IOptionsMonitor<IntegrationsAuthenticationOptions>>().Get(scheme).Realm;
        var retryAfter = context.RequestServices.GetRequiredService<IOptions<StorageOptions>>().Value.RetryAfter;
        ErrorAnswerWriter.PrepareResponse(response, result.StatusCode, result.ProblemCode, realm, retryAfter);
        response.ContentType = ErrorAnswerWriter.FormContentType;

        var body = result.Body;
        if (result.OAuthProblem?.BaseString is { } baseString)
        {
            body += "&oauth_signature_base_string=" + ErrorAnswerWriter.FormEncode(baseString);
        }

        await response.WriteAsync(body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }
}
