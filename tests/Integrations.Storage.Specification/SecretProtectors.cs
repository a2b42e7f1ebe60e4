using Integrations.AspNetCore.Security;
using Integrations.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.Specification;

/// <summary>The secret protectors a host can choose, each with a key ring of its own for one test class.</summary>
public static class SecretProtectors
{
    /// <summary>The default (AES-GCM) with a random key, as <c>AddIntegrations</c> registers it.</summary>
    public static ISecretProtector AesGcm() =>
        new ServiceCollection().AddIntegrationsSecretProtection(o => o.UseEphemeralKey = true).BuildServiceProvider().GetRequiredService<ISecretProtector>();

    /// <summary>ASP.NET Core Data Protection over an in-memory key ring.</summary>
    public static ISecretProtector DataProtection() => new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());
}
