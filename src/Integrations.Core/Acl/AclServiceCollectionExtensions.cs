using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Acl;

/// <summary>Registers the resource ACL; called once by <c>AddIntegrations</c>.</summary>
internal static class AclServiceCollectionExtensions
{
    public static IServiceCollection AddResourceAcl(this IServiceCollection services)
    {
        services.AddOptions<ResourceAclOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResourceAclOptions>, ResourceAclOptionsValidator>());
        services.TryAddSingleton<GuestAccessSetting>();
        services.TryAddSingleton<IGuestAccessSetting>(sp => sp.GetRequiredService<GuestAccessSetting>());
        services.TryAddSingleton<IResourceAclProvider, ResourceAclProvider>();
        return services;
    }
}
