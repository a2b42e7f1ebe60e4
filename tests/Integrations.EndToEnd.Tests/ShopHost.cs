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
    private readonly bool inOwnProcess;
    private WebApplication? app;
    private SampleProcess? process;

    /// <summary>A shop on its own SQLite file.</summary>
    public ShopHost()
        : this([])
    {
    }

    private ShopHost(string[] settings, bool inOwnProcess = false, string scheme = "http")
    {
        this.settings = settings;
        this.inOwnProcess = inOwnProcess;
        Address = new Uri($"{scheme}://127.0.0.1:{LoopbackPort.Next()}/");
    }

    /// <summary>A shop on its own SQLite file with extra settings (<c>--Key value</c> pairs).</summary>
    public static ShopHost WithSettings(params string[] settings) => new(settings);

    /// <summary>A shop on its own SQLite file served over https with the given certificate (a PFX file).</summary>
    public static ShopHost OverHttps(string certificatePath, string certificatePassword) =>
        new(["--Kestrel:Certificates:Default:Path", certificatePath, "--Kestrel:Certificates:Default:Password", certificatePassword], scheme: "https");

    /// <summary>The shop's data folder (its SQLite file, secret key and Data Protection keys).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>Where the shop listens; known before it starts.</summary>
    public Uri Address { get; }

    /// <summary>
    /// A shop as its own operating-system process, on its own SQLite file (or on PostgreSQL with
    /// <paramref name="postgreSql"/>), with these extra settings: one that <see cref="KillAsync"/> can kill and
    /// <see cref="RestartAsync"/> start again on the same data and address.
    /// </summary>
    public static ShopHost InOwnProcess(string? postgreSql, params string[] settings) =>
        new(
            [
                .. postgreSql is null ? Array.Empty<string>() : ["--ConnectionStrings:PostgreSQL", postgreSql, "--Shop:SecretKey", SharedSecretKey],
                .. settings,
            ],
            inOwnProcess: true);

    /// <summary>
    /// A shop on a PostgreSQL database (created by the shop when missing), with the secret key all shops on that
    /// database share. <paramref name="publicBaseUrl"/> is the address it tells third parties, as behind a load
    /// balancer; its own address when null. <paramref name="inOwnProcess"/> runs it as a separate operating-system
    /// process rather than in the test process.
    /// </summary>
    public static ShopHost OnPostgreSql(string connectionString, Uri? publicBaseUrl = null, bool inOwnProcess = false) =>
        new(
            [
                "--ConnectionStrings:PostgreSQL", connectionString,
                "--Shop:SecretKey", SharedSecretKey,
                .. publicBaseUrl is null ? Array.Empty<string>() : ["--Shop:PublicBaseUrl", publicBaseUrl.AbsoluteUri],
            ],
            inOwnProcess);

    /// <summary>A shop on its own SQLite file, as a separate operating-system process.</summary>
    public static ShopHost InOwnProcess() => new([], inOwnProcess: true);

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", Address.GetLeftPart(UriPartial.Authority),
            "--Shop:AdminUser", AdminUser,
            "--Shop:AdminPassword", AdminPassword,
            "--Shop:DataDirectory", dataDirectory,
            .. settings,
        ];
        if (inOwnProcess)
        {
            process = await SampleProcess.StartShopAsync(args);
            return;
        }

        app = ShopApplication.Create(args);
        await app.StartAsync();
    }

    /// <summary>The services of a shop running in the test process.</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The shop does not run in the test process.");

    /// <summary>What the shop's own process wrote so far (<see cref="InOwnProcess"/> shops only).</summary>
    public string ProcessOutput => process?.Output ?? throw new InvalidOperationException("The shop does not run in its own process.");

    /// <summary>Kills the shop's process as <c>kill -9</c> does: whatever it was doing stops mid-way.</summary>
    public async Task KillAsync()
    {
        await (process ?? throw new InvalidOperationException("The shop does not run in its own process.")).KillAsync();
        await process.DisposeAsync();
        process = null;
    }

    /// <summary>Starts the shop again, on the same data and address.</summary>
    public Task RestartAsync() => InitializeAsync();

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }

        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
