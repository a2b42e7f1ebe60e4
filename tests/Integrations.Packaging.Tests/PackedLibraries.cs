namespace Integrations.Packaging.Tests;

/// <summary>
/// Packs every library project once per test run, with a version of its own so nothing can be confused with a
/// package of the same id elsewhere, into a temporary folder that is deleted afterwards.
/// </summary>
public sealed class PackedLibraries : IAsyncLifetime
{
    /// <summary>The library packages the repository ships.</summary>
    public static readonly string[] PackageIds =
    [
        "Integrations.Core",
        "Integrations.Storage.InMemory",
        "Integrations.Storage.EfCore",
        "Integrations.AspNetCore",
        "Integrations.Client",
        "Integrations.AspNetCore.Admin",
    ];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "integrations-packaging-" + Guid.NewGuid().ToString("N"));

    public string PackageFolder => Path.Combine(Root, "packages");

    public string Version { get; } = "0.0.0-packagingtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PackageFolder);
        var solutionFilter = Path.Combine(Root, "libraries.slnf");
        var projects = string.Join(",", PackageIds.Select(id => $"\"src/{id}/{id}.csproj\""));
        await File.WriteAllTextAsync(solutionFilter,
            $"{{\"solution\":{{\"path\":\"{Path.Combine(RepositoryRoot, "Integrations.sln")}\",\"projects\":[{projects}]}}}}");
        var (exitCode, output) = await DotNetCli.RunAsync(RepositoryRoot, TimeSpan.FromMinutes(8),
            "pack", solutionFilter, "-c", "Release", "-o", PackageFolder, "-p:PackageVersion=" + Version, "-nodeReuse:false");
        exitCode.Should().Be(0, output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Integrations.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Integrations.sln not found above " + AppContext.BaseDirectory);
    }
}
