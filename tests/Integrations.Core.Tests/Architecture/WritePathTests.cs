using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Core.Tests.Architecture;

/// <summary>
/// One write path for the integration aggregate: the admin service, the token exchange, the reconciler of declared
/// integrations and the expiry of exchanges all save through <see cref="IntegrationWriter"/>, where the state machine
/// decides every change of status and every save is a compare-and-swap on the concurrency stamp.
/// </summary>
public sealed class WritePathTests
{
    public static TheoryData<string> StoreWrites => [nameof(IIntegrationStore.CreateAsync), nameof(IIntegrationStore.UpdateAsync), nameof(IIntegrationStore.DeleteAsync)];

    [Theory]
    [MemberData(nameof(StoreWrites))]
    public void Only_the_write_path_asks_the_store_to_write_an_integration(string write)
    {
        var callers = NamespaceGraph.MethodsNaming(typeof(Integration).Assembly, typeof(IIntegrationStore).GetMethod(write)!)
            .Select(method => Outermost(method.DeclaringType!))
            .Distinct()
            .ToList();

        callers.Should().Equal([typeof(IntegrationWriter)], "every other service writes through it, so no write escapes the state machine or the stamp");
    }

    [Fact]
    public void The_services_that_change_integrations_go_through_the_write_path()
    {
        var save = typeof(IntegrationWriter).GetMethod(nameof(IntegrationWriter.SaveAsync))!;

        var callers = NamespaceGraph.MethodsNaming(typeof(Integration).Assembly, save).Select(method => Outermost(method.DeclaringType!).Name).Distinct();

        callers.Should().BeEquivalentTo("IntegrationService", "TokenExchangeService", "DeclaredIntegrationReconciler", "ExchangeExpiry");
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
