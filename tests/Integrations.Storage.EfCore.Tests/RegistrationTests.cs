using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Stores;
using Microsoft.Extensions.Configuration;
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

    [Fact]
    public void The_database_stores_chosen_after_other_stores_are_refused()
    {
        var choose = () => Services(b =>
        {
            b.Services.AddScoped<IIntegrationStore>(_ => throw new NotSupportedException("the host's own store"));
            b.UseEntityFrameworkCoreStores<TestDbContext>();
        });

        // the other store stayed in place, silently
        choose.Should().Throw<InvalidOperationException>().WithMessage("Other integrations stores are already chosen*");
    }

    [Fact]
    public void A_host_that_turns_nonce_batching_off_keeps_it_off_whenever_it_chooses_the_stores()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Integrations:Storage:BatchNonces"] = "false" }).Build();
        using var before = Services(b => b.Configure(configuration.GetSection("Integrations")).UseEntityFrameworkCoreStores<TestDbContext>()).BuildServiceProvider();
        using var after = Services(b => b.UseEntityFrameworkCoreStores<TestDbContext>().ConfigureStorage(o => o.BatchNonces = false)).BuildServiceProvider();
        using var unset = Services(b => b.UseEntityFrameworkCoreStores<TestDbContext>()).BuildServiceProvider();

        // the stores' default was configured after the host's setting, and so overrode it
        before.GetRequiredService<IOptions<StorageOptions>>().Value.BatchNonces.Should().BeFalse();
        after.GetRequiredService<IOptions<StorageOptions>>().Value.BatchNonces.Should().BeFalse();
        unset.GetRequiredService<IOptions<StorageOptions>>().Value.BatchNonces.Should().BeTrue("the database stores batch nonces by default");
    }

    private ServiceCollection Services(Action<IntegrationsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(database.UseProvider);
        configure(services.AddIntegrations().UseAdminPasswordVerifier<AcceptingAdminPasswordVerifier>());
        return services;
    }
}
