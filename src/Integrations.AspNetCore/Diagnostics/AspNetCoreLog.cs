using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Diagnostics;

/// <summary>Log messages of the ASP.NET Core adapter (event ids 7000–7099). Never logs a secret, a token or a signature.</summary>
internal static partial class AspNetCoreLog
{
    [LoggerMessage(7000, LogLevel.Debug, "Integration '{Name}' ({IntegrationId}) authenticated by {Method}.")]
    public static partial void IntegrationAuthenticated(this ILogger logger, string name, Guid integrationId, string method);

    [LoggerMessage(7001, LogLevel.Debug, "Request refused by the integrations scheme: {Problem} ({StatusCode}).")]
    public static partial void RequestRefused(this ILogger logger, string problem, int statusCode);

    [LoggerMessage(7002, LogLevel.Debug, "Integration {IntegrationId} refused access to {Resources}.")]
    public static partial void ResourcesRefused(this ILogger logger, Guid? integrationId, string resources);
}
