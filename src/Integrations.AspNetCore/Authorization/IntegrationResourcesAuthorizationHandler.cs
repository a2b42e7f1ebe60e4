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
/// the requirement came (attribute, endpoint convention, named policy).
/// </summary>
internal sealed class IntegrationResourcesAuthorizationHandler(IResourceAclProvider acl)
    : AuthorizationHandler<IntegrationResourcesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IntegrationResourcesRequirement requirement)
    {
        var http = context.Resource as HttpContext;
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
