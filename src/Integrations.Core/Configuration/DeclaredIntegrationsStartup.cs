using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations.Configuration;

/// <summary>Reconciles the declared integrations when the host starts, before it serves requests.</summary>
internal sealed class DeclaredIntegrationsStartup(IServiceScopeFactory scopes, IOptions<DeclaredIntegrationsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = options.Value;
        if (declared.Integrations.Count == 0 && !declared.ReleaseUndeclared)
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<DeclaredIntegrationReconciler>().ReconcileAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
