using Integrations.Samples.Shop;
using Microsoft.AspNetCore.Builder;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop sample running on real Kestrel on a free 127.0.0.1 port, with a known admin password and its own data
/// directory: its own SQLite file by default, or a PostgreSQL database shared with other shops (<see cref="OnPostgreSql"/>).
/// </summary>
public sealed class ShopHost : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "end-to-end-secret";

    /// <summary>The key every shop on one PostgreSQL database shares to encrypt the stored secrets (32 bytes, base64).</summary>
    private const string SharedSecretKey = "c2hvcC1lbmQtdG8tZW5kLXNoYXJlZC1rZXktMzJieXQ=";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "shop-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly string[] settings;
    private WebApplication? app;

    /// <summary>A shop on its own SQLite file.</summary>
    public ShopHost()
        : this([])
    {
    }

    private ShopHost(string[] settings)
    {
        this.settings = settings;
        Address = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/");
    }

    /// <summary>Where the shop listens; known before it starts.</summary>
    public Uri Address { get; }

    /// <summary>
    /// A shop on a PostgreSQL database (created by the shop when missing), with the secret key all shops on that
    /// database share. <paramref name="publicBaseUrl"/> is the address it tells third parties, as behind a load
    /// balancer; its own address when null.
    /// </summary>
    public static ShopHost OnPostgreSql(string connectionString, Uri? publicBaseUrl = null) =>
        new(
        [
            "--ConnectionStrings:PostgreSQL", connectionString,
            "--Shop:SecretKey", SharedSecretKey,
            .. publicBaseUrl is null ? Array.Empty<string>() : ["--Shop:PublicBaseUrl", publicBaseUrl.AbsoluteUri],
        ]);

    public async Task InitializeAsync()
    {
        app = ShopApplication.Create(
        [
            "--urls", Address.GetLeftPart(UriPartial.Authority),
            "--Shop:AdminUser", AdminUser,
            "--Shop:AdminPassword", AdminPassword,
            "--Shop:DataDirectory", dataDirectory,
            .. settings,
        ]);
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
