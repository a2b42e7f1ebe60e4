using Microsoft.Extensions.Logging;

namespace Integrations.Diagnostics;

/// <summary>Log messages of the Core package (event ids 1000–1999). Never logs a secret.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(1000, LogLevel.Information, "Integration '{Name}' ({IntegrationId}) created by admin '{AdminId}'.")]
    public static partial void IntegrationCreated(this ILogger logger, string name, Guid integrationId, string adminId);

    [LoggerMessage(1001, LogLevel.Information, "Integration '{Name}' ({IntegrationId}) updated by admin '{AdminId}'.")]
    public static partial void IntegrationUpdated(this ILogger logger, string name, Guid integrationId, string adminId);

    [LoggerMessage(1002, LogLevel.Information, "Integration '{Name}' ({IntegrationId}) deleted by admin '{AdminId}'.")]
    public static partial void IntegrationDeleted(this ILogger logger, string name, Guid integrationId, string adminId);

    [LoggerMessage(1003, LogLevel.Information, "Integration '{Name}' ({IntegrationId}): {Trigger} moved it from {From} to {To}.")]
    public static partial void IntegrationTransitioned(this ILogger logger, string name, Guid integrationId, Lifecycle.IntegrationTrigger trigger, Model.IntegrationStatus from, Model.IntegrationStatus to);

    [LoggerMessage(1004, LogLevel.Warning, "Admin '{AdminId}' failed the password confirmation for {Action}.")]
    public static partial void AdminPasswordRejected(this ILogger logger, string adminId, string action);

    [LoggerMessage(1005, LogLevel.Information, "Admin '{AdminId}' revealed the credentials of integration '{Name}' ({IntegrationId}).")]
    public static partial void CredentialsRevealed(this ILogger logger, string adminId, string name, Guid integrationId);
}
