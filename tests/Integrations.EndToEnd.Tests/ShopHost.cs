using Integrations.Samples.Shop;
using Microsoft.AspNetCore.Builder;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop sample running on real Kestrel on a free 127.0.0.1 port, with a known admin password.</summary>
public sealed class ShopHost : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "end-to-end-secret";

    private WebApplication? app;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = ShopApplication.Create(
        [
            "--urls", "http://127.0.0.1:0",
            "--Shop:AdminUser", AdminUser,
            "--Shop:AdminPassword", AdminPassword,
        ]);
        await app.StartAsync();
        Address = app.Address();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
