using Microsoft.Extensions.Logging;

namespace Integrations.Notifications;

/// <summary>Log messages of the notifications (event ids 5100–5149).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(5100, LogLevel.Error, "Integration event subscriber {Subscriber} failed on {Kind} of integration {IntegrationId}; the change itself is kept.")]
    public static partial void SubscriberFailed(this ILogger logger, Exception exception, string subscriber, IntegrationEventKind kind, Guid integrationId);

    [LoggerMessage(5101, LogLevel.Error, "Integration event subscribers could not be constructed for {Kind} of integration {IntegrationId}; none ran, the change itself is kept.")]
    public static partial void SubscribersUnavailable(this ILogger logger, Exception exception, IntegrationEventKind kind, Guid integrationId);
}
