using Microsoft.AspNetCore.Routing;
using Integrations.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class AdminRegistrationTests
{
    [Fact]
    public async Task The_admin_maps_when_added_after_the_hosts_password_verifier()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIntegrations().UseAdminPasswordVerifier<NoPassword>();
        builder.Services.AddIntegrationsAdmin();
        await using var app = builder.Build();

        app.MapIntegrationsAdmin("/admin/integrations");

        ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern.RawText)
            .Should().Contain(pattern => pattern!.StartsWith("/admin/integrations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verifier_registered_after_the_admin_is_refused_at_map_time_rather_than_losing_the_lockout()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIntegrations().UseAdminPasswordVerifier<NoPassword>();
        builder.Services.AddIntegrationsAdmin();
        builder.Services.AddIntegrations().UseAdminPasswordVerifier<NoPassword>();
        await using var app = builder.Build();

        var map = () => app.MapIntegrationsAdmin("/admin/integrations");

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddIntegrationsAdmin(), called after*UseAdminPasswordVerifier*");
    }

    [Fact]
    public void Without_a_host_verifier_the_admin_is_not_added()
    {
        var services = new ServiceCollection();

        var add = () => services.AddIntegrationsAdmin();

        add.Should().Throw<InvalidOperationException>().WithMessage("*UseAdminPasswordVerifier<T>() before AddIntegrationsAdmin()*");
    }

    private sealed class NoPassword : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
