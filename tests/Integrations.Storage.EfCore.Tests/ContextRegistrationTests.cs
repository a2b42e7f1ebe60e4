using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>The EF Core stores' start check of the host's context.</summary>
public sealed class ContextRegistrationTests
{
    [Fact]
    public void A_host_whose_context_is_not_registered_fails_at_start_not_at_its_first_signed_request()
    {
        var services = new ServiceCollection();
        services.AddIntegrations()
            .UseEntityFrameworkCoreStores<TestDbContext>() // but no AddDbContext<TestDbContext> / AddDbContextPool<TestDbContext>
            .UseAdminPasswordVerifier<AcceptingAdminPasswordVerifier>()
            .ConfigureSecretProtection(o => o.Keys.Add(new SecretProtectionKey { Id = "k1", Key = AppInstance.SharedKey }));
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        using var scope = provider.CreateScope();
        var firstRequest = () => scope.ServiceProvider.GetRequiredService<Integrations.Stores.INonceStore>();
        firstRequest.Should().Throw<InvalidOperationException>("the stores cannot be made without the host's context");

        // the start passes, and every signed call then fails on a dependency injection error (a 500), as a host without stores did
        start.Should().Throw<OptionsValidationException>().WithMessage($"*{nameof(TestDbContext)}*");
    }
}
