using Microsoft.Extensions.Logging;

namespace Integrations.Acl;

/// <summary>Log messages of the resource ACL (event ids 1400–1449).</summary>
internal static partial class AclLog
{
    [LoggerMessage(1400, LogLevel.Warning, "A protected operation requires the resource '{ResourceId}', which the resource tree does not declare: it is denied to every caller.")]
    public static partial void UndeclaredResourceRequired(this ILogger logger, string resourceId);

    [LoggerMessage(1401, LogLevel.Information, "The resource tree was replaced: {Count} resources.")]
    public static partial void ResourceTreeReplaced(this ILogger logger, int count);

    [LoggerMessage(1402, LogLevel.Error, "The changed resource tree is invalid and was not applied; the previous tree stays in force: {Errors}")]
    public static partial void ResourceTreeRejected(this ILogger logger, string errors);

    [LoggerMessage(1403, LogLevel.Information, "Anonymous guest access turned {State}.")]
    public static partial void GuestAccessSwitched(this ILogger logger, string state);
}
