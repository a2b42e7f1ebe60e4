using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Integrations.AspNetCore.Authentication;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// Challenges and forbids with the integrations scheme after the policy's other schemes. The integrations scheme
/// writes Magento's whole answer (status, headers and body), which starts the response; a scheme challenged after it
/// (a cookie's redirect, another scheme's 401) could then no longer set its status or headers and the request broke
/// off mid-response. Challenged last, it overrides what the others set (a redirect's status and <c>Location</c>), so
/// the answer is the same whichever order the endpoint names the schemes in. The rest is the inner handler's.
/// </summary>
internal sealed class IntegrationsSchemeLastResultHandler(IAuthorizationMiddlewareResultHandler inner, IntegrationsAuthenticationScheme scheme)
    : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var schemes = policy.AuthenticationSchemes;
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && schemes.Count > 1
            && !string.Equals(schemes[^1], scheme.Name, StringComparison.Ordinal)
            && schemes.Contains(scheme.Name, StringComparer.Ordinal))
        {
            policy = new AuthorizationPolicy(policy.Requirements, [.. schemes.Where(s => !string.Equals(s, scheme.Name, StringComparison.Ordinal)), scheme.Name]);
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
