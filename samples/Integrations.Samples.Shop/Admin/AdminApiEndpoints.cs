using Integrations.Acl;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// The JSON endpoints behind the grid's dialogs: the requested permissions, Allow (activate or reauthorize),
/// delete and reveal. Called by <c>admin.js</c> with the page's antiforgery token.
/// </summary>
internal static class AdminApiEndpoints
{
    public static void MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/admin/api/integrations")
            .RequireAuthorization()
            .AddEndpointFilter(ValidateAntiforgeryAsync);
        api.MapGet("/{id:guid}/permissions", PermissionsAsync);
        api.MapPost("/{id:guid}/activate", (Guid id, HttpContext context, IIntegrationService integrations, FlashMessages flash) =>
            AllowAsync(id, reauthorize: false, context, integrations, flash));
        api.MapPost("/{id:guid}/reauthorize", (Guid id, HttpContext context, IIntegrationService integrations, FlashMessages flash) =>
            AllowAsync(id, reauthorize: true, context, integrations, flash));
        api.MapPost("/{id:guid}/delete", DeleteAsync);
        api.MapPost("/{id:guid}/credentials", RevealAsync);
    }

    private static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (!HttpMethods.IsGet(context.Request.Method)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return Error(StatusCodes.Status400BadRequest, "The page has expired. Reload it and try again.");
        }

        return await next(invocation);
    }

    private static async Task<IResult> PermissionsAsync(Guid id, HttpContext context, IIntegrationService integrations, IResourceAclProvider acl)
    {
        var integration = await integrations.GetAsync(id, context.RequestAborted);
        if (integration is null)
        {
            return Error(StatusCodes.Status404NotFound, "This integration no longer exists.");
        }

        var titles = acl.Tree.Resources
            .Where(resource => integration.ResourceAccess == ResourceAccess.All || integration.Resources.Contains(resource.Id))
            .Select(resource => resource.Title)
            .ToList();
        return TypedResults.Ok(new { name = integration.Name, resources = titles });
    }

    private static async Task<IResult> AllowAsync(Guid id, bool reauthorize, HttpContext context, IIntegrationService integrations, FlashMessages flash)
    {
        try
        {
            var result = reauthorize
                ? await integrations.ReauthorizeAsync(id, context.RequestAborted)
                : await integrations.ActivateAsync(id, context.RequestAborted);
            var name = result.Integration.Name;
            if (result.ExchangePending)
            {
                flash.Set(context, FlashMessage.Notice(reauthorize
                    ? $"Integration '{name}' has been sent for re-authorization."
                    : $"Integration '{name}' has been sent for activation."));
                return TypedResults.Ok(new { name, identityLinkUrl = result.IdentityLinkUrl });
            }

            flash.Set(context, FlashMessage.Success(reauthorize
                ? $"The integration '{name}' has been re-authorized."
                : $"The integration '{name}' has been activated."));
            return TypedResults.Ok(new { name, credentials = Credentials(result.Credentials) });
        }
        catch (IntegrationNotFoundException exception)
        {
            return Error(StatusCodes.Status404NotFound, exception.Message);
        }
        catch (IntegrationException exception)
        {
            return Error(StatusCodes.Status400BadRequest, exception.Message);
        }
    }

    private static async Task<IResult> DeleteAsync(Guid id, PasswordConfirmation body, HttpContext context, IIntegrationService integrations, FlashMessages flash)
    {
        try
        {
            var integration = await integrations.GetAsync(id, context.RequestAborted)
                ?? throw new IntegrationNotFoundException(id);
            await integrations.DeleteAsync(id, Confirm(context, body), context.RequestAborted);
            flash.Set(context, FlashMessage.Success($"The integration '{integration.Name}' has been deleted."));
            return TypedResults.Ok(new { name = integration.Name });
        }
        catch (IntegrationNotFoundException exception)
        {
            return Error(StatusCodes.Status404NotFound, exception.Message);
        }
        catch (IntegrationException exception)
        {
            return Error(StatusCodes.Status400BadRequest, exception.Message);
        }
    }

    private static async Task<IResult> RevealAsync(Guid id, PasswordConfirmation body, HttpContext context, IIntegrationService integrations)
    {
        try
        {
            var credentials = await integrations.RevealCredentialsAsync(id, Confirm(context, body), context.RequestAborted);
            return TypedResults.Ok(new { credentials = Credentials(credentials) });
        }
        catch (IntegrationNotFoundException exception)
        {
            return Error(StatusCodes.Status404NotFound, exception.Message);
        }
        catch (IntegrationException exception)
        {
            return Error(StatusCodes.Status400BadRequest, exception.Message);
        }
    }

    private static AdminConfirmation Confirm(HttpContext context, PasswordConfirmation body) =>
        new(context.User.Identity?.Name ?? "", body.Password ?? "");

    private static object Credentials(IntegrationCredentials credentials) => new
    {
        consumerKey = credentials.ConsumerKey,
        consumerSecret = credentials.ConsumerSecret,
        accessToken = credentials.AccessToken,
        accessTokenSecret = credentials.AccessTokenSecret,
    };

    private static JsonHttpResult<ErrorBody> Error(int statusCode, string message) => TypedResults.Json(new ErrorBody(message), statusCode: statusCode);

    /// <summary>The body of a refused action.</summary>
    /// <param name="Message">What went wrong, for the admin.</param>
    internal sealed record ErrorBody(string Message);

    /// <summary>The body of a confirmed action.</summary>
    /// <param name="Password">The admin's password ("Your Password").</param>
    internal sealed record PasswordConfirmation(string? Password);
}
