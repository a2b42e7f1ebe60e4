namespace Integrations;

/// <summary>
/// Options without settings, validated on start only: they fail when no store was chosen on the integrations
/// builder, so a host learns it at start instead of from a dependency injection error on its first signed request.
/// </summary>
internal sealed class StoresChosen
{
    /// <summary>The failure a host without stores gets at start.</summary>
    public const string Missing =
        "No integrations stores are registered: choose them on the builder AddIntegrations() returns, for example UseInMemoryStores() or UseEntityFrameworkCoreStores<TContext>().";
}
