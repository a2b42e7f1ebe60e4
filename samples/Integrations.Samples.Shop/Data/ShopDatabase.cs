using System.Security.Cryptography;
using Integrations.Acl;
using Integrations.Security;
using Integrations.Storage.EfCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// Where the shop keeps its data: a SQLite file by default, PostgreSQL when <c>ConnectionStrings:PostgreSQL</c> is
/// given (several shop instances can share that database). The key that encrypts stored secrets comes from
/// <c>Shop:SecretKey</c>; with SQLite only, this sample falls back to a key file created beside the data on first
/// start (a real shop keeps it in a key vault or wraps it with a certificate). With PostgreSQL the key is required:
/// a key file per instance would differ between instances and each could not read what the others stored. With
/// PostgreSQL the Data Protection key ring (admin cookie, antiforgery) is kept in the database too, so all instances
/// share it; the guest access setting, the orders and the revoked sessions are in the database with either.
/// </summary>
internal static class ShopDatabase
{
    public const string PostgreSqlConnectionName = "PostgreSQL";

    public const string SecretKeySetting = "Shop:SecretKey";

    public static void AddShopDatabase(this WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString(PostgreSqlConnectionName);
        var dataDirectory = builder.Configuration["Shop:DataDirectory"] is { Length: > 0 } configured
            ? configured
            : builder.Environment.ContentRootPath;
        Directory.CreateDirectory(dataDirectory);
        var sqliteFile = Path.Combine(dataDirectory, "shop.db");
        builder.Services.AddDbContext<ShopDbContext>(options =>
        {
            if (string.IsNullOrEmpty(postgres))
            {
                options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = sqliteFile }.ToString()); // a path holding ";" or "=" stays a path
            }
            else
            {
                options.UseNpgsql(postgres);
            }
        });

        builder.Services.AddHostedService<ShopDatabaseInitializer>();
        builder.Services.AddDataProtection().SetApplicationName("Integrations.Samples.Shop");
        if (string.IsNullOrEmpty(postgres))
        {
            // This shop's own key ring, in its data folder: not the user-wide default that every app of the user shares.
            CreatePrivateFile(sqliteFile);
            var keys = Path.Combine(dataDirectory, "keys");
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<ILoggerFactory>((options, loggers) => options.XmlRepository = new ShopKeyFiles(keys, loggers));
        }
        else
        {
            // One key ring for all instances, under one application name whatever directory each runs from.
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new PostgreSqlKeyRepository(scopes));
        }

        var secretKey = builder.Configuration[SecretKeySetting] is { Length: > 0 } key
            ? key
            : string.IsNullOrEmpty(postgres)
                ? ReadOrCreateKeyFile(Path.Combine(dataDirectory, "shop-secret.key"))
                : throw new InvalidOperationException(
                    $"{SecretKeySetting} is required with ConnectionStrings:{PostgreSqlConnectionName}: every shop instance on the database must "
                    + "encrypt and decrypt the stored secrets with the same key (32 random bytes in base64, e.g. `openssl rand -base64 32`).");
        builder.Services.AddIntegrations()
            .UseGuestAccessSetting<ShopGuestAccess>()
            .UseEntityFrameworkCoreStores<ShopDbContext>()
            .ConfigureSecretProtection(options => options.Keys.Add(new SecretProtectionKey { Id = "shop-1", Key = secretKey }));

        // one instance of the guest access setting: the one requests read, refreshed in the background (started after
        // the initializer above, so its table exists)
        builder.Services.AddHostedService(services => (ShopGuestAccess)services.GetRequiredService<IGuestAccessSetting>());
    }

    private static string ReadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            CreatePrivateFile(path);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return File.ReadAllText(path).Trim();
    }

    /// <summary>Creates an empty file only its owner can read and write (0600), if missing; SQLite gives its -wal and -shm files the same mode.</summary>
    private static void CreatePrivateFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
    }
}
