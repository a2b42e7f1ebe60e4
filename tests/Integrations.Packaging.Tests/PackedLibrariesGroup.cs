namespace Integrations.Packaging.Tests;

/// <summary>Shares one <see cref="PackedLibraries"/> (one <c>dotnet pack</c>) between the packaging test classes.</summary>
[CollectionDefinition(Name)]
public sealed class PackedLibrariesGroup : ICollectionFixture<PackedLibraries>
{
    public const string Name = "packed libraries";
}
