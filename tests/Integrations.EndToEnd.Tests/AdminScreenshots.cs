namespace Integrations.EndToEnd.Tests;

/// <summary>
/// Where the browser tests save the screenshots the admin package's README shows. A test run writes them to
/// <c>TestResults/screenshots/</c>, so running the tests leaves the working tree as it was; with
/// <c>UPDATE_ADMIN_SCREENSHOTS=1</c> they replace the README's images in <c>src/Integrations.AspNetCore.Admin/docs/</c>.
/// </summary>
public static class AdminScreenshots
{
    /// <summary>The path to save a screenshot to.</summary>
    public static string PathOf(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Integrations.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Integrations.sln not found above " + AppContext.BaseDirectory);
        var folder = Environment.GetEnvironmentVariable("UPDATE_ADMIN_SCREENSHOTS") == "1"
            ? Path.Combine(root, "src", "Integrations.AspNetCore.Admin", "docs")
            : Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
