using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Stores;

/// <summary>
/// The stores of one scope, resolved on first use: a signed request accepted on a kept snapshot, whose nonce the group
/// commit writer records through its own scope, resolves neither (for database stores: takes no context from the pool).
/// Scoped.
/// </summary>
internal sealed class ScopedStores(IServiceProvider scope)
{
    private IIntegrationStore? _integrations;
    private INonceStore? _nonces;

    /// <summary>The scope's integration store.</summary>
    public IIntegrationStore Integrations => _integrations ??= scope.GetRequiredService<IIntegrationStore>();

    /// <summary>The scope's nonce store.</summary>
    public INonceStore Nonces => _nonces ??= scope.GetRequiredService<INonceStore>();
}
