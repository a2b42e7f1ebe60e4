using Integrations.Acl;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// Decides <see cref="IntegrationResourcesRequirement"/> with Core's <see cref="IResourceAclProvider"/>: the
/// integration the scheme authenticated (or a guest when there is none) against the endpoint's resources.
/// </summary>
internal sealed class IntegrationResourcesAuthorizationHandler(IResourceAclProvider acl)
    : AuthorizationHandler<IntegrationResourcesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IntegrationResourcesRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var integration = context.User.Identity?.IsAuthenticated == true ? http?.GetIntegration() : null;
        if (acl.Authorize(integration, requirement.Resources).IsAllowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
