using System.Security.Cryptography;
using Integrations.Security;
using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// Where the shop keeps its data: a SQLite file by default, PostgreSQL when <c>ConnectionStrings:PostgreSQL</c> is
/// given. The key that encrypts stored secrets comes from <c>Shop:SecretKey</c> or, for this sample, from a key
/// file created beside the data on first start (a real shop keeps it in a key vault or wraps it with a certificate).
/// </summary>
internal static class ShopDatabase
{
    public const string PostgreSqlConnectionName = "PostgreSQL";

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
                options.UseSqlite($"Data Source={sqliteFile}");
            }
            else
            {
                options.UseNpgsql(postgres);
            }
        });

        builder.Services.AddHostedService<ShopDatabaseInitializer>();
        var secretKey = builder.Configuration["Shop:SecretKey"] is { Length: > 0 } key ? key : ReadOrCreateKeyFile(Path.Combine(dataDirectory, "shop-secret.key"));
        builder.Services.AddIntegrations()
            .UseEntityFrameworkCoreStores<ShopDbContext>()
            .ConfigureSecretProtection(options => options.Keys.Add(new SecretProtectionKey { Id = "shop-1", Key = secretKey }));
    }

    private static string ReadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(path).Trim();
    }
}
