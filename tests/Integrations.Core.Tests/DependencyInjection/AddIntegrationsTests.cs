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
