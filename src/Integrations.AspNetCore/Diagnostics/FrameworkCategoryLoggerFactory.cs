using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Diagnostics;

/// <summary>
/// Gives ASP.NET Core's <c>AuthenticationHandler</c> base class the category of the framework's own schemes
/// (<see cref="Category"/>), so its per-request lines ("was not authenticated", "was challenged") follow the host's
/// <c>Microsoft.AspNetCore</c> log level, as those of the built-in handlers do; the handler's own messages keep the
/// library's category. A singleton: the logger is made once, not per request (the framework's factory takes a lock
/// for each <c>CreateLogger</c>, and a handler is made for every request).
/// </summary>
internal sealed class FrameworkCategoryLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>The category of the base class's messages.</summary>
    public const string Category = "Microsoft.AspNetCore.Authentication.Integrations";

    private readonly ILogger _logger = inner.CreateLogger(Category);

    public ILogger CreateLogger(string categoryName) => _logger;

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // the host owns the inner factory
    }
}
