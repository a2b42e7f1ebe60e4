using Integrations.Lifecycle;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.DependencyInjection;

public sealed class AddIntegrationsTests
{
    [Fact]
    public async Task The_service_resolves_and_works_with_in_memory_stores()
    {
        await using var provider = Build(s => s.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>());
        await using var scope = provider.CreateAsyncScope();

        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var created = await service.CreateAsync(new Model.IntegrationDraft { Name = "Acme" }, new AdminConfirmation("a", "p"));

        (await service.GetAsync(created.Id)).Should().BeEquivalentTo(new { created.Id, Name = "Acme", Status = Model.IntegrationStatus.Inactive });
        provider.GetRequiredService<IIntegrationStore>().Should().BeSameAs(provider.GetRequiredService<InMemoryIntegrationStore>());
        provider.GetRequiredService<INonceStore>().Should().BeSameAs(provider.GetRequiredService<InMemoryNonceStore>());
    }

    [Fact]
    public void Calling_the_registration_twice_registers_nothing_twice()
    {
        var once = new ServiceCollection();
        once.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>();
        var twice = new ServiceCollection();
        twice.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>();
        twice.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>();

        Describe(twice).Should().BeEquivalentTo(Describe(once));
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        using var provider = Build(s => s.AddIntegrations(o => o.TokenExchangeWindow = TimeSpan.Zero).UseInMemoryStores());

        var act = () => provider.GetRequiredService<IOptions<IntegrationsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*TokenExchangeWindow*");
    }

    [Fact]
    public void Without_keys_or_in_memory_stores_secret_protection_fails_validation()
    {
        using var provider = Build(s => s.AddIntegrations());

        var act = () => provider.GetRequiredService<ISecretProtector>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*No secret protection key*");
    }

    [Fact]
    public void A_host_without_stores_fails_at_start_not_at_its_first_signed_request()
    {
        using var without = Build(s => s.AddIntegrations().UseAdminPasswordVerifier<AcceptAll>().ConfigureSecretProtection(o => o.UseEphemeralKey = true));
        using var with = Build(s => s.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>());

        var startWithout = () => without.GetRequiredService<IStartupValidator>().Validate();
        var startWith = () => with.GetRequiredService<IStartupValidator>().Validate();

        // the start passed, and every signed call failed on a dependency injection error (a 500)
        startWithout.Should().Throw<OptionsValidationException>().WithMessage("No integrations stores are registered*UseInMemoryStores()*");
        startWith.Should().NotThrow();
    }

    [Fact]
    public void The_in_memory_stores_chosen_after_other_stores_are_refused()
    {
        var services = new ServiceCollection();
        var builder = services.AddIntegrations();
        services.AddScoped<IIntegrationStore>(_ => throw new NotSupportedException("the host's own store"));

        var choose = () => builder.UseInMemoryStores();

        // the host's store stayed in place, silently, with the in-memory stores' ephemeral key: secrets no restart could read
        choose.Should().Throw<InvalidOperationException>().WithMessage("Other integrations stores are already chosen*");
        services.Should().NotContain(d => d.ServiceType == typeof(InMemoryIntegrationStore));
    }

    [Fact]
    public void A_storage_bound_the_host_sets_is_kept_whenever_it_chooses_the_in_memory_stores()
    {
        using var before = Build(s => s.AddIntegrations().ConfigureStorage(o => o.OperationTimeout = TimeSpan.FromSeconds(3)).UseInMemoryStores());
        using var unset = Build(s => s.AddIntegrations().UseInMemoryStores());

        // the in-memory stores' default (no bound) was configured after the host's setting, and so overrode it
        before.GetRequiredService<IOptions<StorageOptions>>().Value.OperationTimeout.Should().Be(TimeSpan.FromSeconds(3));
        unset.GetRequiredService<IOptions<StorageOptions>>().Value.OperationTimeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    private static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static List<string> Describe(IServiceCollection services) =>
        services.Select(d => $"{d.ServiceType.FullName}|{d.ImplementationType?.FullName}|{d.Lifetime}").ToList();

    private sealed class AcceptAll : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}
