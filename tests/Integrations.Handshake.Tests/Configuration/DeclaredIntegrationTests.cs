using Integrations.Configuration;
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

/// <summary>
/// Integrations declared in the host's configuration, across "redeploys": every host started here shares one store
/// and one secret key, as consecutive deployments of one application share their database.
/// </summary>
public sealed class DeclaredIntegrationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryNonceStore _nonces;
    private readonly InMemoryIntegrationStore _store;
    private readonly AesGcmSecretProtector _protector = new(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));

    public DeclaredIntegrationTests()
    {
        _nonces = new InMemoryNonceStore(_time);
        _store = new InMemoryIntegrationStore(_nonces);
    }

    private static Dictionary<string, string?> AcmeDeclaration => new()
    {
        ["Integrations:Declared:acme-erp:Name"] = "Acme ERP",
        ["Integrations:Declared:acme-erp:Email"] = "ops@acme.example",
        ["Integrations:Declared:acme-erp:CallbackUrl"] = "https://acme.example/magento/callback",
        ["Integrations:Declared:acme-erp:IdentityLinkUrl"] = "https://acme.example/magento/login",
        ["Integrations:Declared:acme-erp:ResourceAccess"] = "Custom",
        ["Integrations:Declared:acme-erp:Resources:0"] = "Magento_Catalog::products",
        ["Integrations:Declared:acme-erp:Resources:1"] = "Magento_Sales::sales",
    };

    public void Dispose() => _protector.Dispose();

    [Fact]
    public async Task A_declared_integration_is_created_at_start_up_read_only_and_inactive()
    {
        using var host = await StartAsync(AcmeDeclaration);

        var stored = (await _store.ListAsync(new IntegrationQuery(), default)).Items.Should().ContainSingle().Subject;
        stored.Name.Should().Be("Acme ERP");
        stored.Email.Should().Be("ops@acme.example");
        stored.CallbackUrl.Should().Be(new Uri("https://acme.example/magento/callback"));
        stored.IdentityLinkUrl.Should().Be(new Uri("https://acme.example/magento/login"));
        stored.ResourceAccess.Should().Be(ResourceAccess.Custom);
        stored.Resources.Should().Equal("Magento_Catalog::products", "Magento_Sales::sales");
        stored.SetupType.Should().Be(IntegrationSetupType.Config);
        stored.Status.Should().Be(IntegrationStatus.Inactive);
        stored.CreatedAt.Should().Be(_time.GetUtcNow());
        CredentialGenerator.IsWellFormed(stored.ConsumerKey).Should().BeTrue();
        CredentialGenerator.IsWellFormed(_protector.Unprotect(stored.ProtectedConsumerSecret)).Should().BeTrue();
    }

    [Fact]
    public async Task A_redeploy_with_the_same_declaration_touches_nothing()
    {
        using (await StartAsync(AcmeDeclaration))
        {
        }

        var first = await SingleAsync();
        _time.Advance(TimeSpan.FromDays(1));

        using (await StartAsync(AcmeDeclaration))
        {
        }

        (await SingleAsync()).Should().BeSameAs(first);
    }

    [Fact]
    public async Task A_changed_declaration_is_reconciled_in_place_and_keeps_status_and_credentials()
    {
        var original = AcmeDeclaration;
        original.Remove("Integrations:Declared:acme-erp:CallbackUrl");
        Integration active;
        using (var host = await StartAsync(original))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
            active = (await service.ActivateAsync((await SingleAsync()).Id)).Integration;
        }

        _time.Advance(TimeSpan.FromDays(1));
        var changed = AcmeDeclaration;
        changed["Integrations:Declared:acme-erp:Name"] = "Acme ERP (EU)";
        changed["Integrations:Declared:acme-erp:Email"] = "eu-ops@acme.example";
        changed["Integrations:Declared:acme-erp:CallbackUrl"] = "https://eu.acme.example/magento/callback";
        changed.Remove("Integrations:Declared:acme-erp:IdentityLinkUrl");
        changed["Integrations:Declared:acme-erp:Resources:1"] = "Magento_Customer::customer";

        using (await StartAsync(changed))
        {
        }

        var reconciled = await SingleAsync();
        reconciled.Name.Should().Be("Acme ERP (EU)");
        reconciled.Email.Should().Be("eu-ops@acme.example");
        reconciled.CallbackUrl.Should().Be(new Uri("https://eu.acme.example/magento/callback"));
        reconciled.IdentityLinkUrl.Should().BeNull();
        reconciled.Resources.Should().Equal("Magento_Catalog::products", "Magento_Customer::customer");
        reconciled.UpdatedAt.Should().Be(_time.GetUtcNow());
        reconciled.ConcurrencyToken.Should().NotBe(active.ConcurrencyToken);
        reconciled.Should().Be(active with
        {
            Name = reconciled.Name,
            Email = reconciled.Email,
            CallbackUrl = reconciled.CallbackUrl,
            IdentityLinkUrl = null,
            Resources = reconciled.Resources,
            UpdatedAt = reconciled.UpdatedAt,
            ConcurrencyToken = reconciled.ConcurrencyToken,
        }, "the id, status, consumer key and secret and the access token are kept");
        reconciled.Status.Should().Be(IntegrationStatus.Active);
    }

    [Fact]
    public async Task Admins_cannot_edit_or_delete_a_declared_integration()
    {
        using var host = await StartAsync(AcmeDeclaration);
        var declared = await SingleAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();

        var edit = () => service.UpdateAsync(declared.Id, new IntegrationDraft { Name = "Renamed" }, KnownAdmin.Confirmation);
        var delete = () => service.DeleteAsync(declared.Id, KnownAdmin.Confirmation);

        await edit.Should().ThrowAsync<IntegrationReadOnlyException>().WithMessage("The integrations created in the config file can't be edited.");
        await delete.Should().ThrowAsync<IntegrationReadOnlyException>().WithMessage("Uninstall the extension to remove integration 'Acme ERP'.");
        (await SingleAsync()).Should().BeSameAs(declared);
    }

    [Fact]
    public async Task An_integration_can_be_declared_in_code_and_its_name_defaults_to_the_key()
    {
        using var host = await StartAsync([], builder => builder.DeclareIntegration("Globex", draft => draft.ResourceAccess = ResourceAccess.All));

        var declared = await SingleAsync();
        declared.Name.Should().Be("Globex");
        declared.ResourceAccess.Should().Be(ResourceAccess.All);
        declared.SetupType.Should().Be(IntegrationSetupType.Config);
    }

    [Fact]
    public async Task An_invalid_declaration_stops_the_start_up_and_says_where()
    {
        var act = () => StartAsync(new Dictionary<string, string?>
        {
            ["Integrations:Declared:bad:Email"] = "not-an-email",
            ["Integrations:Declared:bad:ResourceAccess"] = "Everything",
            ["Integrations:Declared:twin-a:Name"] = "Twin",
            ["Integrations:Declared:twin-b:Name"] = "TWIN",
            ["Integrations:Declared:vendor:Resources:0"] = "Vendor_Module::unknown",
        });

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().HaveCount(4)
            .And.Contain("Integrations:Declared:bad:ResourceAccess: 'Everything' is neither All nor Custom.")
            .And.Contain("Declared integration 'bad': Email: 'not-an-email' is not a valid email address.")
            .And.Contain("Declared integrations 'twin-a' and 'twin-b' have the same name 'TWIN'.")
            .And.Contain(failure => failure.StartsWith("Declared integration 'vendor': Resources: ", StringComparison.Ordinal) && failure.Contains("Vendor_Module::unknown", StringComparison.Ordinal));
        (await _store.ListAsync(new IntegrationQuery(), default)).TotalCount.Should().Be(0);
    }

    [Fact]
    public async Task A_declared_name_taken_by_a_manual_integration_stops_the_start_up()
    {
        using (var host = await StartAsync([]))
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IIntegrationService>().CreateAsync(new IntegrationDraft { Name = "acme erp" }, KnownAdmin.Confirmation);
        }

        var act = () => StartAsync(AcmeDeclaration);

        await act.Should().ThrowAsync<DuplicateIntegrationException>().WithMessage("Integration with name 'Acme ERP' exists.");
    }

    [Fact]
    public async Task A_removed_declaration_stays_read_only_unless_the_host_releases_undeclared_integrations()
    {
        using (await StartAsync(AcmeDeclaration))
        {
        }

        var declared = await SingleAsync();
        using (await StartAsync([]))
        {
        }

        (await SingleAsync()).Should().BeSameAs(declared);

        using (await StartAsync([], builder => builder.ConfigureDeclaredIntegrations(options => options.ReleaseUndeclared = true)))
        {
        }

        var released = await SingleAsync();
        released.SetupType.Should().Be(IntegrationSetupType.Manual);
        released.ConsumerKey.Should().Be(declared.ConsumerKey);

        using (await StartAsync(AcmeDeclaration))
        {
        }

        var reclaimed = await SingleAsync();
        reclaimed.SetupType.Should().Be(IntegrationSetupType.Config);
        reclaimed.ConsumerKey.Should().Be(declared.ConsumerKey);
    }

    [Fact]
    public async Task Hosts_starting_at_the_same_moment_create_a_declared_integration_once()
    {
        const int Hosts = 4;
        for (var round = 0; round < 5; round++)
        {
            var key = $"globex-{round}";
            var racing = new StoreOpeningAtOnce(_store, Hosts);
            var hosts = Enumerable.Range(0, Hosts).Select(_ => Build([], builder => builder.DeclareIntegration(key, _ => { }), racing)).ToList();
            try
            {
                var results = await Task.WhenAll(hosts.Select(host => Task.Run(async () =>
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    return (await scope.ServiceProvider.GetRequiredService<DeclaredIntegrationReconciler>().ReconcileAsync())[key];
                })));

                results.Select(i => i.ConsumerKey).Distinct().Should().ContainSingle("every host ends with the one integration that was created");
                var stored = await _store.FindByIdAsync(results[0].Id, default);
                stored!.ConsumerKey.Should().Be(results[0].ConsumerKey);
                (await _store.ListAsync(new IntegrationQuery { NameContains = key }, default)).TotalCount.Should().Be(1);
            }
            finally
            {
                hosts.ForEach(host => host.Dispose());
            }
        }
    }

    [Fact]
    public async Task Names_passed_from_one_declaration_to_another_are_reconciled_at_the_next_start()
    {
        var before = new Dictionary<string, string?>
        {
            ["Integrations:Declared:alpha:Name"] = "Alpha",
            ["Integrations:Declared:beta:Name"] = "Beta",
        };
        using (await StartAsync(before))
        {
        }

        var ids = (await _store.ListAsync(new IntegrationQuery(), default)).Items.ToDictionary(i => i.Name, i => i.Id);

        // valid declarations (names unique among them): alpha takes beta's name, which takes a new one; then a swap
        using (await StartAsync(new Dictionary<string, string?> { ["Integrations:Declared:alpha:Name"] = "Beta", ["Integrations:Declared:beta:Name"] = "Gamma" }))
        {
        }

        (await NamesAsync()).Should().Equal(("Beta", ids["Alpha"]), ("Gamma", ids["Beta"])); // the start failed: 'Beta' was taken
        using (await StartAsync(new Dictionary<string, string?> { ["Integrations:Declared:alpha:Name"] = "Gamma", ["Integrations:Declared:beta:Name"] = "Beta" }))
        {
        }

        (await NamesAsync()).Should().Equal(("Beta", ids["Beta"]), ("Gamma", ids["Alpha"]));

        async Task<IEnumerable<(string, Guid)>> NamesAsync() =>
            (await _store.ListAsync(new IntegrationQuery(), default)).Items.Select(i => (i.Name, i.Id));
    }

    [Fact]
    public async Task Two_keys_that_differ_only_by_surrounding_spaces_stop_the_start()
    {
        // both keys name one integration (its id comes from the trimmed key): each start wrote it twice, the second won
        var act = () => StartAsync([], builder => builder
            .DeclareIntegration("acme", draft => draft.Name = "Acme One")
            .DeclareIntegration("acme ", draft => draft.Name = "Acme Two"));

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*'acme' and 'acme ' are one integration*");
    }

    [Theory]
    [InlineData("Integrations:Declared:vendor:Resources", "Magento_Catalog::products")]
    [InlineData("Integrations:Declared:vendor:Resorces:0", "Magento_Catalog::products")]
    public async Task A_declaration_whose_resources_would_not_be_read_stops_the_start_instead_of_granting_nothing(string key, string value)
    {
        var act = () => StartAsync(new Dictionary<string, string?> { [key] = value });

        await act.Should().ThrowAsync<OptionsValidationException>("the resource was dropped silently (a Custom integration granted nothing)");
    }

    [Fact]
    public async Task A_declaration_with_all_access_that_lists_resources_stops_the_start()
    {
        var act = () => StartAsync(new Dictionary<string, string?>
        {
            ["Integrations:Declared:vendor:ResourceAccess"] = "All",
            ["Integrations:Declared:vendor:Resources:0"] = "Vendor_Module::unknown",
        });

        // the list is ignored with All (everything is granted), so it is most likely a Custom declaration mistyped
        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*resources are listed with ResourceAccess All*");
    }

    [Fact]
    public async Task A_start_refused_because_a_declared_name_is_taken_by_a_manual_integration_renames_no_integration()
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
    public async Task A_declared_resource_written_as_an_object_stops_the_start_instead_of_granting_nothing()
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

    private async Task<Integration> SingleAsync() =>
        (await _store.ListAsync(new IntegrationQuery(), default)).Items.Should().ContainSingle().Subject;

    private async Task<IHost> StartAsync(Dictionary<string, string?> configuration, Action<IntegrationsBuilder>? configure = null)
    {
        var host = Build(configuration, configure);
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

    private IHost Build(Dictionary<string, string?> configuration, Action<IntegrationsBuilder>? configure = null, IIntegrationStore? store = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(store ?? _store);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_nonces);
        builder.Services.AddSingleton(_store);
        builder.Services.AddSingleton<ISecretProtector>(_protector);
        var integrations = builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<KnownAdmin>()
            .AddShopResources()
            .AddDeclaredIntegrations(builder.Configuration.GetSection("Integrations:Declared"));
        configure?.Invoke(integrations);
        return builder.Build();
    }
}
