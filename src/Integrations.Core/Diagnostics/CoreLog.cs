using Integrations.Model;
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
    public static partial void IntegrationTransitioned(this ILogger logger, string name, Guid integrationId, IntegrationTrigger trigger, IntegrationStatus from, IntegrationStatus to);

    [LoggerMessage(1004, LogLevel.Warning, "Admin '{AdminId}' failed the password confirmation for {Action}.")]
    public static partial void AdminPasswordRejected(this ILogger logger, string adminId, string action);

    [LoggerMessage(1005, LogLevel.Information, "Admin '{AdminId}' revealed the credentials of integration '{Name}' ({IntegrationId}).")]
    public static partial void CredentialsRevealed(this ILogger logger, string adminId, string name, Guid integrationId);

    [LoggerMessage(1006, LogLevel.Warning, "The token exchange of integration '{Name}' ({IntegrationId}), started at {StartedAt:O}, expired without being completed; {From} became {To}.")]
    public static partial void ExchangeExpired(this ILogger logger, string name, Guid integrationId, DateTimeOffset startedAt, IntegrationStatus from, IntegrationStatus to);

    [LoggerMessage(1007, LogLevel.Information, "Integration '{Name}' ({IntegrationId}): the callback accepted the new credentials; the previous access token is revoked.")]
    public static partial void ReauthorizationCommitted(this ILogger logger, string name, Guid integrationId);

    [LoggerMessage(1008, LogLevel.Warning, "The consumer secret of integration '{Name}' ({IntegrationId}) cannot be decrypted; a new consumer secret is issued with the new tokens.")]
    public static partial void ConsumerSecretReplaced(this ILogger logger, string name, Guid integrationId);
}
