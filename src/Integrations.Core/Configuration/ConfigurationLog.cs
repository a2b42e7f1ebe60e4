using Microsoft.Extensions.Logging;

namespace Integrations.Configuration;

/// <summary>Log messages of the declared integrations (event ids 5200–5249). Never logs a secret.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(5200, LogLevel.Information, "Declared integration '{Key}' created as '{Name}' ({IntegrationId}).")]
    public static partial void DeclaredIntegrationCreated(this ILogger logger, string key, string name, Guid integrationId);

    [LoggerMessage(5201, LogLevel.Information, "Declared integration '{Key}' ('{Name}', {IntegrationId}) reconciled with its changed declaration; credentials and status kept.")]
    public static partial void DeclaredIntegrationUpdated(this ILogger logger, string key, string name, Guid integrationId);

    [LoggerMessage(5202, LogLevel.Warning, "Integration '{Name}' ({IntegrationId}) is no longer declared; it is now a manual integration admins can edit or delete.")]
    public static partial void DeclaredIntegrationReleased(this ILogger logger, string name, Guid integrationId);

    [LoggerMessage(5203, LogLevel.Debug, "Declared integration '{Key}' changed concurrently (attempt {Attempt}); reconciling again.")]
    public static partial void DeclaredIntegrationRetried(this ILogger logger, string key, int attempt);
}
