namespace Integrations.AspNetCore.Admin.Endpoints;

/// <summary>Endpoint metadata: the path the admin is mapped at, as given to <c>MapIntegrationsAdmin</c>.</summary>
/// <param name="Prefix">The path without a trailing slash.</param>
internal sealed record AdminBasePath(string Prefix)
{
    /// <summary>The admin's address for this request: the request's path base and the prefix.</summary>
    public static string Of(HttpContext context)
    {
        var prefix = context.GetEndpoint()?.Metadata.GetMetadata<AdminBasePath>()?.Prefix
            ?? throw new InvalidOperationException("Not an integrations admin endpoint.");
        return context.Request.PathBase.Add(prefix).Value ?? prefix;
    }
}
