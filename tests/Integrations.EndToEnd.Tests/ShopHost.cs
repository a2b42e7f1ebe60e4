using Integrations.Samples.Shop;
using Microsoft.AspNetCore.Builder;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop sample running on real Kestrel on a free 127.0.0.1 port, with a known admin password and its own SQLite file.</summary>
public sealed class ShopHost : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "end-to-end-secret";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "shop-e2e-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = ShopApplication.Create(
        [
            "--urls", $"http://127.0.0.1:{LoopbackPort.Next()}",
            "--Shop:AdminUser", AdminUser,
            "--Shop:AdminPassword", AdminPassword,
            "--Shop:DataDirectory", dataDirectory,
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

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
