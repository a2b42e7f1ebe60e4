using System.IO.Compression;
using System.Xml.Linq;

namespace Integrations.Packaging.Tests;

[Collection(PackedLibrariesGroup.Name)]
public sealed class PackageContentTests(PackedLibraries packed)
{
    public static TheoryData<string> PackageIds => new(PackedLibraries.PackageIds);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_CarriesAssemblyXmlDocsReadmeAndLicense(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();

        entries.Should().Contain([$"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml", "README.md"]);
        var nuspec = ReadNuspec(package, id);
        Element(nuspec, "license").Value.Should().Be("MIT");
        Element(nuspec, "license").Attribute("type")!.Value.Should().Be("expression");
        Element(nuspec, "readme").Value.Should().Be("README.md");
        Element(nuspec, "description").Value.Should().NotBeNullOrWhiteSpace();
        Element(nuspec, "authors").Value.Should().NotBeNullOrWhiteSpace();
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        readme.ReadToEnd().Should().StartWith("# " + id);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_XmlDocsDescribePublicTypes(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.nupkg"));
        using var stream = package.GetEntry($"lib/net10.0/{id}.xml")!.Open();

        var members = XDocument.Load(stream).Descendants("member").ToList();

        members.Should().Contain(m => m.Attribute("name")!.Value.StartsWith("T:", StringComparison.Ordinal)
            && !string.IsNullOrWhiteSpace(m.Element("summary")!.Value));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void SymbolPackage_CarriesThePdb(string id)
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.snupkg"));

        symbols.Entries.Select(e => e.FullName).Should().Contain($"lib/net10.0/{id}.pdb");
    }

    [Theory]
    [InlineData("Integrations.AspNetCore")]
    [InlineData("Integrations.Client")]
    public void WebPackage_DependsOnCoreAndTheAspNetCoreFramework(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.nupkg"));
        var nuspec = ReadNuspec(package, id);

        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)
            .Should().Contain("Integrations.Core");
        nuspec.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => e.Attribute("name")!.Value)
            .Should().Contain("Microsoft.AspNetCore.App");
    }

    /// <summary>
    /// Each package depends on what its own code references and nothing more: no unused package, abstractions where
    /// they suffice, and no framework package pinned in (the ASP.NET Core packages get those from the shared framework).
    /// </summary>
    [Theory]
    [InlineData("Integrations.Core", "Microsoft.Extensions.DependencyInjection.Abstractions Microsoft.Extensions.Hosting.Abstractions Microsoft.Extensions.Http Microsoft.Extensions.Logging.Abstractions Microsoft.Extensions.Options Microsoft.Extensions.Options.ConfigurationExtensions System.Security.Cryptography.Pkcs")]
    [InlineData("Integrations.Storage.InMemory", "Integrations.Core")]
    [InlineData("Integrations.Storage.EfCore", "Integrations.Core Microsoft.Data.Sqlite.Core Microsoft.EntityFrameworkCore.Relational")]
    [InlineData("Integrations.AspNetCore", "Integrations.Core")]
    [InlineData("Integrations.AspNetCore.Admin", "Integrations.AspNetCore Integrations.Core")]
    [InlineData("Integrations.Client", "Integrations.Core Microsoft.EntityFrameworkCore.Relational Microsoft.Extensions.Http.Resilience")]
    public void Package_DependsOnlyOnWhatItReferences(string id, string dependencies)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.nupkg"));
        var nuspec = ReadNuspec(package, id);

        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)
            .Should().BeEquivalentTo(dependencies.Split(' '));
    }

    [Fact]
    public void AdminPackage_CarriesItsTranslationsAndDependsOnTheAspNetCorePackage()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"Integrations.AspNetCore.Admin.{packed.Version}.nupkg"));
        var nuspec = ReadNuspec(package, "Integrations.AspNetCore.Admin");

        package.Entries.Select(e => e.FullName).Should().Contain(
            new[] { "nl", "sv", "fr" }.Select(language => $"lib/net10.0/{language}/Integrations.AspNetCore.Admin.resources.dll"));
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)
            .Should().Contain(["Integrations.Core", "Integrations.AspNetCore"]);
    }

    private static XDocument ReadNuspec(ZipArchive package, string id)
    {
        using var stream = package.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static XElement Element(XDocument nuspec, string name) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == name);
}
