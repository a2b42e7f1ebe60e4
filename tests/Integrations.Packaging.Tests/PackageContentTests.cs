using System.Collections.Immutable;
using System.IO.Compression;
using System.Xml.Linq;

namespace Integrations.Packaging.Tests;

[Collection(PackedLibrariesGroup.Name)]
public sealed class PackageContentTests(PackedLibraries packed)
{
    public static TheoryData<string> PackageIds => new(PackedLibraries.PackageIds);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void A_package_carries_its_assembly_xml_docs_readme_and_license(string id)
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
    public void A_packages_xml_docs_describe_every_public_type_and_member(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.nupkg"));
        var surface = PublicSurface.DocumentationIds(ReadAllBytes(package, $"lib/net10.0/{id}.dll"));
        using var docs = package.GetEntry($"lib/net10.0/{id}.xml")!.Open();
        var documented = XDocument.Load(docs).Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace(m.Element("summary")?.Value) || m.Element("inheritdoc") is not null)
            .Select(m => m.Attribute("name")!.Value)
            .ToHashSet(StringComparer.Ordinal);

        surface.Should().Contain(name => name.StartsWith("T:", StringComparison.Ordinal), "the package has a public surface to describe");
        var undocumented = surface.Where(name => !documented.Contains(name)).ToList();
        undocumented.Should().BeEmpty(
            "every public type and member of {0} needs a non-empty <summary> (or <inheritdoc/>) in the packed XML doc file; undocumented:{1}{2}",
            id, Environment.NewLine, string.Join(Environment.NewLine, undocumented));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void The_symbol_package_carries_the_pdb(string id)
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"{id}.{packed.Version}.snupkg"));

        symbols.Entries.Select(e => e.FullName).Should().Contain($"lib/net10.0/{id}.pdb");
    }

    [Theory]
    [InlineData("Integrations.AspNetCore")]
    [InlineData("Integrations.Client")]
    public void A_web_package_depends_on_Core_and_the_AspNetCore_framework(string id)
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
    [InlineData("Integrations.Storage.InMemory", "Integrations.Core System.IO.Hashing")]
    [InlineData("Integrations.Storage.EfCore", "Integrations.Core Microsoft.Data.Sqlite.Core Microsoft.EntityFrameworkCore.Relational System.IO.Hashing")]
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
    public void The_admin_package_carries_its_translations_and_depends_on_the_AspNetCore_package()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"Integrations.AspNetCore.Admin.{packed.Version}.nupkg"));
        var nuspec = ReadNuspec(package, "Integrations.AspNetCore.Admin");

        package.Entries.Select(e => e.FullName).Should().Contain(
            new[] { "nl", "sv", "fr" }.Select(language => $"lib/net10.0/{language}/Integrations.AspNetCore.Admin.resources.dll"));
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)
            .Should().Contain(["Integrations.Core", "Integrations.AspNetCore"]);
    }

    private static ImmutableArray<byte> ReadAllBytes(ZipArchive package, string path)
    {
        using var stream = package.GetEntry(path)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return [.. copy.ToArray()];
    }

    private static XDocument ReadNuspec(ZipArchive package, string id)
    {
        using var stream = package.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static XElement Element(XDocument nuspec, string name) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == name);
}
