using Integrations.Acl;
using Integrations.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// Decides <see cref="IntegrationResourcesRequirement"/> with Core's <see cref="IResourceAclProvider"/>: the
/// integration the scheme authenticated (or a guest when the request carried no credentials; one whose credentials
/// were refused is refused, so it learns why) against the required resources. On a refusal
/// it records every resource the policy requires, which the scheme names in its 401 (Magento lists them all), however
/// the requirement came (attribute, endpoint convention, named policy, MVC's <c>AuthorizeFilter</c>, or
/// <c>IAuthorizationService.AuthorizeAsync(User, resource, policy)</c> in code: where the request is not the authorization
/// resource, it is the current request of the principal checked).
/// </summary>
internal sealed class IntegrationResourcesAuthorizationHandler(IResourceAclProvider acl, IHttpContextAccessor requests)
    : AuthorizationHandler<IntegrationResourcesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IntegrationResourcesRequirement requirement)
    {
        var http = context.Resource as HttpContext
            ?? (requests.HttpContext is { } current && ReferenceEquals(current.User, context.User) ? current : null);
        var integration = context.User.Identity?.IsAuthenticated == true ? http?.GetIntegration() : null;
        var refusedCredentials = integration is null && http?.Features.Get<CredentialsRefusedFeature>() is not null;
        if (!refusedCredentials && acl.Authorize(integration, requirement.Resources).IsAllowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            http?.Features.Set(new RefusedResourcesFeature(
                [.. context.Requirements.OfType<IntegrationResourcesRequirement>().SelectMany(r => r.Resources).Distinct(StringComparer.Ordinal)]));
        }

        return Task.CompletedTask;
    }
}
