using System.Diagnostics.CodeAnalysis;
using Integrations.AspNetCore.Admin.Endpoints;
using Integrations.AspNetCore.Admin.Security;
using Integrations.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Integrations.AspNetCore.Admin;

/// <summary>Maps the integrations admin pages.</summary>
public static class IntegrationsAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the integrations admin under <paramref name="prefix"/>: the grid at the prefix itself, the form, the
    /// dialogs' actions, the settings, the identity-link success page and the package's stylesheet and script. Every
    /// page requires an authenticated user (the admin id is the user's name); add the host's own policy to the
    /// returned builder, for example <c>.RequireAuthorization("IntegrationsAdmin")</c>. Every POST checks the
    /// antiforgery token.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the admin lives, for example <c>/admin/integrations</c>.</param>
    /// <returns>The group's convention builder.</returns>
    public static RouteGroupBuilder MapIntegrationsAdmin(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/admin/integrations")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (!prefix.StartsWith('/') || prefix.Contains('{', StringComparison.Ordinal))
        {
            throw new ArgumentException("The prefix is a fixed path starting with '/', for example /admin/integrations.", nameof(prefix));
        }

        EnsurePasswordChecksAreGated(endpoints.ServiceProvider);
        prefix = prefix.TrimEnd('/');
        var group = endpoints.MapGroup(prefix)
            .RequireAuthorization()
            .WithMetadata(new AdminBasePath(prefix))
            .AddEndpointFilter(GuardAsync)
            .ExcludeFromDescription();
        group.MapGet("", (HttpContext context, AdminPages pages) => pages.GridAsync(context));
        group.MapGet("/new", (HttpContext context, AdminPages pages) => pages.New(context));
        group.MapGet("/{id:guid}/edit", (Guid id, HttpContext context, AdminPages pages) => pages.EditAsync(id, context));
        group.MapPost("/save", (HttpContext context, AdminPages pages) => pages.SaveAsync(context));
        group.MapGet("/{id:guid}/allow", (Guid id, HttpContext context, AdminPages pages) => pages.ShowAllowAsync(id, context));
        group.MapPost("/{id:guid}/allow", (Guid id, HttpContext context, AdminPages pages) => pages.AllowAsync(id, context));
        group.MapGet("/{id:guid}/remove", (Guid id, HttpContext context, AdminPages pages) => pages.ShowRemoveAsync(id, context));
        group.MapPost("/{id:guid}/remove", (Guid id, HttpContext context, AdminPages pages) => pages.RemoveAsync(id, context));
        group.MapPost("/{id:guid}/credentials", (Guid id, HttpContext context, AdminPages pages) => pages.RevealAsync(id, context));
        group.MapPost("/settings", (HttpContext context, AdminPages pages) => pages.SaveSettingsAsync(context));
        group.MapGet("/login-success", AdminPages.LoginSuccess).AllowAnonymous(); // static; reached from the third party's site, which sends no SameSite=Strict cookie
        group.MapGet("/assets/{file}", AdminAssets.Get).AllowAnonymous();
        return group;
    }

    /// <summary>
    /// Refuses to map the admin when its password checks are not in place: <c>AddIntegrationsAdmin()</c> missing, or a
    /// verifier registered after it (which would replace the lockout and the bounded concurrency without a word).
    /// </summary>
    private static void EnsurePasswordChecksAreGated(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService<IAdminPasswordVerifier>() is not GatedAdminPasswordVerifier)
        {
            throw new InvalidOperationException(
                "The integrations admin needs services.AddIntegrationsAdmin(), called after AddIntegrations().UseAdminPasswordVerifier<T>(): "
                + "the admin password verifier in use is not the one the admin wraps with its lockout.");
        }
    }

    /// <summary>Every POST carries a valid antiforgery token; pages and their secrets are never cached.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (HttpMethods.IsPost(context.Request.Method) && !await IsValidFormPostAsync(context).ConfigureAwait(false))
        {
            return TypedResults.Text("The page has expired. Go back, reload it and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!context.Request.Path.Value!.Contains("/assets/", StringComparison.Ordinal))
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a post is a form the pages can read with a valid antiforgery token: a token in a header over another
    /// body, or a form beyond the server's limits (more than 1,024 fields, say), is refused as a 400, not a 500.
    /// </summary>
    private static async Task<bool> IsValidFormPostAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AntiforgeryValidationException or InvalidDataException or IOException)
        {
            return false;
        }
    }
}
