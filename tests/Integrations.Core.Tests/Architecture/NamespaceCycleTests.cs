using Integrations.Model;

namespace Integrations.Core.Tests.Architecture;

/// <summary>
/// Core's namespaces form a graph without cycles: each concern can be read, changed and tested knowing only the ones
/// below it (Model and Security at the bottom, the stores above them, then the OAuth engine, the ACL, the lifecycle and
/// the activation handshake; telemetry is referenced and references none of them back).
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void The_compiled_namespaces_of_Core_reference_each_other_without_a_cycle()
    {
        var graph = NamespaceGraph.FromAssembly(typeof(Integration).Assembly);

        graph.Edges.Should().NotBeEmpty("the assembly is read (an empty graph would pass any check)");
        graph.Cycles().Should().BeEmpty("every cycle is listed with one reference per edge");
    }

    [Fact]
    public void The_sources_of_Core_name_each_others_namespaces_without_a_cycle()
    {
        var graph = NamespaceGraph.FromSources(Path.Combine(RepositoryRoot(), "src", "Integrations.Core"));

        graph.Edges.Should().NotBeEmpty("the sources are read (an empty graph would pass any check)");
        graph.Cycles().Should().BeEmpty("every cycle is listed with the using directive or qualified name of each edge");
    }

    [Fact]
    public void Telemetry_references_none_of_the_concerns_it_measures()
    {
        var compiled = NamespaceGraph.FromAssembly(typeof(Integration).Assembly);
        var sources = NamespaceGraph.FromSources(Path.Combine(RepositoryRoot(), "src", "Integrations.Core"));

        compiled.Targets("Diagnostics").Concat(sources.Targets("Diagnostics")).Should().BeSubsetOf(["Model"]);
    }

    [Fact]
    public void The_OAuth_engine_walks_a_request_one_way_from_its_parameters_to_their_signature_and_validation()
    {
        var graph = NamespaceGraph.FromAssembly(typeof(Integration).Assembly, "Integrations.OAuth");

        graph.Cycles().Should().BeEmpty();
        graph.Targets("Parameters").Should().BeEmpty("reading and collecting the parameters knows nothing of signing or validating them");
        graph.Targets("Signing").Should().Equal("Parameters");
        graph.Targets("Validation").Should().BeEquivalentTo("Parameters", "Signing");
    }

    [Fact]
    public void A_cycle_through_three_namespaces_is_found_and_reported_with_its_edges()
    {
        var graph = new NamespaceGraph();
        graph.Add("Stores", "Model", "a");
        graph.Add("Lifecycle", "Stores", "b");
        graph.Add("Stores", "Acl", "c");
        graph.Add("Acl", "Lifecycle", "d");

        graph.Cycles().Should().ContainSingle().Which.Should()
            .Contain("Lifecycle -> Stores: b").And.Contain("Stores -> Acl: c").And.Contain("Acl -> Lifecycle: d").And.NotContain("Model");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Integrations.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Integrations.sln) is not above the test binaries.");
    }
}
