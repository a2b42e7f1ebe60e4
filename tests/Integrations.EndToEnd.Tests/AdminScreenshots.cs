namespace Integrations.EndToEnd.Tests;

/// <summary>Where the browser tests save the screenshots the admin package's README shows: the package folder itself.</summary>
public static class AdminScreenshots
{
    /// <summary>The path of a screenshot in <c>src/Integrations.AspNetCore.Admin/</c>.</summary>
    public static string PathOf(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Integrations.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Integrations.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(root, "src", "Integrations.AspNetCore.Admin", "docs", fileName);
    }
}
