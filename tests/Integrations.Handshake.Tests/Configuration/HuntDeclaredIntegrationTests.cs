using Integrations.Handshake.Tests.Support;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Handshake.Tests.Configuration;

/// <summary>Declared integrations across "redeploys" sharing one store (as <see cref="DeclaredIntegrationTests"/>).</summary>
public sealed class HuntDeclaredIntegrationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryNonceStore _nonces;
    private readonly InMemoryIntegrationStore _store;
    private readonly AesGcmSecretProtector _protector = new(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));

    public HuntDeclaredIntegrationTests()
    {
        _nonces = new InMemoryNonceStore(_time);
        _store = new InMemoryIntegrationStore(_nonces);
    }

    public void Dispose() => _protector.Dispose();

    [Fact]
    public async Task Hunt_a_start_refused_because_a_declared_name_is_taken_by_a_manual_integration_renames_no_integration()
    {
        using (var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Integrations:Declared:alpha:Name"] = "Alpha",
            ["Integrations:Declared:beta:Name"] = "Beta",
        }))
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IIntegrationService>().CreateAsync(new IntegrationDraft { Name = "Gamma" }, KnownAdmin.Confirmation);
        }

        var before = await NamesAsync();

        // alpha takes beta's name and beta takes 'Gamma', which an admin's integration holds: the start is refused
        var act = () => StartAsync(new Dictionary<string, string?>
        {
            ["Integrations:Declared:alpha:Name"] = "Beta",
            ["Integrations:Declared:beta:Name"] = "Gamma",
        });

        await act.Should().ThrowAsync<DuplicateIntegrationException>().WithMessage("Integration with name 'Gamma' exists.");
        (await NamesAsync()).Should().BeEquivalentTo(before, "a refused start leaves every integration as it was (beta was renamed to its id, which admins and the other instances then showed)");
    }

    [Fact]
    public async Task Hunt_a_declared_resource_written_as_an_object_stops_the_start_instead_of_granting_nothing()
    {
        // "Resources": [ { "Id": "Magento_Catalog::products" } ]: the entry has no value of its own and was dropped,
        // so the Custom integration was created granting nothing
        var act = () => StartAsync(new Dictionary<string, string?>
        {
            ["Integrations:Declared:vendor:ResourceAccess"] = "Custom",
            ["Integrations:Declared:vendor:Resources:0:Id"] = "Magento_Catalog::products",
        });

        (await act.Should().ThrowAsync<OptionsValidationException>("the resource was dropped silently (a Custom integration granted nothing)"))
            .WithMessage("*Integrations:Declared:vendor:Resources:0*");
        (await _store.ListAsync(new IntegrationQuery(), default)).TotalCount.Should().Be(0);
    }

    private async Task<IReadOnlyList<string>> NamesAsync() =>
        [.. (await _store.ListAsync(new IntegrationQuery(), default)).Items.Select(i => i.Name)];

    private async Task<IHost> StartAsync(Dictionary<string, string?> configuration)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_nonces);
        builder.Services.AddSingleton(_store);
        builder.Services.AddSingleton<ISecretProtector>(_protector);
        builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<KnownAdmin>()
            .AddShopResources()
            .AddDeclaredIntegrations(builder.Configuration.GetSection("Integrations:Declared"));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
