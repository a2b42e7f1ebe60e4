using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// The shop's Data Protection key ring on SQLite: key files in the shop's own data folder (not the user-wide
/// default, so a cookie from one shop on the machine opens no other shop), the folder 0700 and each key file 0600.
/// </summary>
internal sealed class ShopKeyFiles : IXmlRepository
{
    private readonly DirectoryInfo directory;
    private readonly FileSystemXmlRepository files;

    public ShopKeyFiles(string path, ILoggerFactory loggerFactory)
    {
        directory = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        files = new FileSystemXmlRepository(directory, loggerFactory);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        files.StoreElement(element, friendlyName);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in directory.EnumerateFiles("*.xml"))
            {
                File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
