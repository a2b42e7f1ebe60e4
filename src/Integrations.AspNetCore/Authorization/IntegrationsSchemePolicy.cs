using Integrations.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// The policy <see cref="IntegrationResourceAttribute"/> names: authenticate with the integrations scheme (the name
/// the host registered, from <see cref="IntegrationsAuthenticationScheme"/>) and challenge or forbid with it. It adds
/// no condition of its own (a policy needs one requirement: an assertion that holds); the attribute's
/// <see cref="IntegrationResourcesRequirement"/> decides.
/// </summary>
internal sealed class IntegrationsSchemePolicy(IntegrationsAuthenticationScheme scheme) : IConfigureOptions<AuthorizationOptions>
{
    /// <summary>The policy name; internal to the library (a host uses the attribute, the endpoint convention or the policy builder extension).</summary>
    public const string Name = "Integrations.AuthenticationScheme";

    public void Configure(AuthorizationOptions options) =>
        options.AddPolicy(Name, policy => policy.AddAuthenticationSchemes(scheme.Name).AddRequirements(new AssertionRequirement(static _ => true)));
}
