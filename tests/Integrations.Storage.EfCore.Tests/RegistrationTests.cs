using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.EfCore.Tests;

public sealed class RegistrationTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public void The_stores_are_scoped_over_the_hosts_context_and_registered_once()
    {
        var once = Services(b => b.UseEntityFrameworkCoreStores<TestDbContext>());
        var twice = Services(b => b.UseEntityFrameworkCoreStores<TestDbContext>().UseEntityFrameworkCoreStores<TestDbContext>());

        twice.Select(d => (d.ServiceType, d.ImplementationType, d.Lifetime)).Should().BeEquivalentTo(once.Select(d => (d.ServiceType, d.ImplementationType, d.Lifetime)));
        once.Should().ContainSingle(d => d.ServiceType == typeof(IIntegrationStore))
            .Which.Should().Match<ServiceDescriptor>(d => d.Lifetime == ServiceLifetime.Scoped && d.ImplementationType == typeof(EfCoreIntegrationStore<TestDbContext>));
        once.Should().ContainSingle(d => d.ServiceType == typeof(INonceStore))
            .Which.Should().Match<ServiceDescriptor>(d => d.Lifetime == ServiceLifetime.Scoped && d.ImplementationType == typeof(EfCoreNonceStore<TestDbContext>));
    }

    [Fact]
    public void A_database_host_without_a_secret_key_fails_at_start_up()
    {
        var services = Services(b => b.UseEntityFrameworkCoreStores<TestDbContext>());
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*No secret protection key is configured*");
    }

    private ServiceCollection Services(Action<IntegrationsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(database.UseProvider);
        configure(services.AddIntegrations().UseAdminPasswordVerifier<AcceptingAdminPasswordVerifier>());
        return services;
    }
}
