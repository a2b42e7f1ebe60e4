using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Endpoints;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Tests;

/// <summary>The README's hosts as Development builds them (scopes and the whole container validated).</summary>
public sealed class DevelopmentHostTests
{
    [Fact]
    public void The_readme_api_only_host_builds_in_the_development_environment()
    {
        // the README's wiring of the adapter, in the Development environment (ValidateScopes and ValidateOnBuild are on)
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .AddResources(tree => tree.Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Magento_Catalog::products", "Products")))
            .UseAspNetCore(o => o.AllowBearerTokens = false);

        var build = () =>
        {
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapIntegrationsOAuthEndpoints();
            app.MapGet("/rest/V1/products", (HttpContext c) => $"products for {c.GetIntegration()!.Name}")
                .RequireIntegrationResources("Magento_Catalog::products");
            return app;
        };

        build.Should().NotThrow("the README's host needs no admin password verifier to serve signed API calls");
    }

    [Fact]
    public async Task Without_an_admin_password_verifier_the_operations_that_confirm_the_password_say_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().UseAspNetCore();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();
        var integrations = scope.ServiceProvider.GetRequiredService<Integrations.Lifecycle.IIntegrationService>();

        var create = () => integrations.CreateAsync(new Integrations.Model.IntegrationDraft { Name = "Acme" }, new Integrations.Security.AdminConfirmation("admin", "secret"));

        (await create.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*UseAdminPasswordVerifier*");
        (await integrations.ListAsync(new Integrations.Stores.IntegrationQuery())).TotalCount.Should().Be(0, "what needs no password works");
    }
}
