using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// The ASP.NET Core Data Protection key ring in the shop's PostgreSQL database, so every shop instance reads the
/// admin's sign-in cookie, antiforgery tokens and flash messages that another instance wrote. The keys are stored as
/// Data Protection writes them (unencrypted XML); a real shop also protects them at rest (<c>ProtectKeysWith...</c>).
/// </summary>
internal sealed class PostgreSqlKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    /// <summary>Creates the key table when missing (run by <see cref="ShopDatabaseInitializer"/> under its lock).</summary>
    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS shop_data_protection_key (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, friendly_name text, xml text NOT NULL)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database
            .SqlQuery<string>($"SELECT xml AS \"Value\" FROM shop_data_protection_key ORDER BY id")
            .AsEnumerable()
            .Select(XElement.Parse)
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var xml = element.ToString(SaveOptions.DisableFormatting);
        scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database
            .ExecuteSql($"INSERT INTO shop_data_protection_key (friendly_name, xml) VALUES ({friendlyName}, {xml})");
    }
}
