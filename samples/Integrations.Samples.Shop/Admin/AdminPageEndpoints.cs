using Integrations.Acl;
using Integrations.Lifecycle;
using Integrations.Samples.Shop.Components;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The server-rendered admin pages: the integrations grid, the integration form and its save.</summary>
internal static class AdminPageEndpoints
{
    public static void MapAdminPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/admin/integrations").RequireAuthorization();
        pages.MapGet("", GridAsync);
        pages.MapGet("/new", (HttpContext context, IResourceAclProvider acl) => EditPage(context, acl, new IntegrationForm(), error: null));
        pages.MapGet("/{id:guid}/edit", EditAsync);
        pages.MapPost("/save", SaveAsync);
        endpoints.MapPost("/admin/settings/guest-access", SaveGuestAccessAsync).RequireAuthorization();
        pages.MapGet("/login-success", () => TypedResults.Content(
            "<!DOCTYPE html><html><head><title>Done</title></head><body><p>Setup completed. This window closes itself.</p>" +
            "<script>setTimeout(function () { window.close(); }, 1000);</script></body></html>",
            "text/html"));
    }

    private static async Task<IResult> GridAsync(HttpContext context, IIntegrationService integrations, IGuestAccessSetting guestAccess, FlashMessages flash)
    {
        var page = await integrations.ListAsync(new IntegrationQuery { PageSize = IntegrationQuery.MaxPageSize }, context.RequestAborted);
        return new RazorComponentResult<IntegrationsGridPage>(new
        {
            page.Items,
            NeedingReauthorize = page.Items.Where(integrations.CredentialsNeedReauthorize).Select(i => i.Id).ToHashSet(),
            UserName = context.User.Identity?.Name,
            Flash = flash.Take(context),
            GuestAccessEnabled = guestAccess.IsEnabled,
        });
    }

    private static async Task<IResult> EditAsync(Guid id, HttpContext context, IIntegrationService integrations, IResourceAclProvider acl, FlashMessages flash)
    {
        var integration = await integrations.GetAsync(id, context.RequestAborted);
        if (integration is null)
        {
            flash.Set(context, FlashMessage.Error("This integration no longer exists."));
            return TypedResults.Redirect("/admin/integrations");
        }

        return EditPage(context, acl, IntegrationForm.From(integration), error: null);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, IFormCollection posted, IIntegrationService integrations, IResourceAclProvider acl, FlashMessages flash)
    {
        var form = IntegrationForm.From(posted);
        var confirmation = new AdminConfirmation(context.User.Identity?.Name ?? "", posted["current_password"].ToString());
        try
        {
            var saved = form.Id is { } id
                ? await integrations.UpdateAsync(id, form.ToDraft(), confirmation, context.RequestAborted)
                : await integrations.CreateAsync(form.ToDraft(), confirmation, context.RequestAborted);
            flash.Set(context, FlashMessage.Success($"The integration '{saved.Name}' has been saved."));
            return TypedResults.Redirect("/admin/integrations");
        }
        catch (IntegrationNotFoundException exception)
        {
            flash.Set(context, FlashMessage.Error(exception.Message));
            return TypedResults.Redirect("/admin/integrations");
        }
        catch (IntegrationException exception)
        {
            return EditPage(context, acl, form, exception.Message, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<RedirectHttpResult> SaveGuestAccessAsync(HttpContext context, IFormCollection posted, IGuestAccessSetting guestAccess, FlashMessages flash)
    {
        if (guestAccess is IGuestAccessSwitch setting)
        {
            flash.Set(context, await setting.SetAsync(posted["allow_insecure"] == "1", context.RequestAborted)
                ? FlashMessage.Success("You saved the configuration.")
                : FlashMessage.Error("The configuration could not be saved. Please try again later."));
        }

        return TypedResults.Redirect("/admin/integrations");
    }

    private static RazorComponentResult<IntegrationEditPage> EditPage(HttpContext context, IResourceAclProvider acl, IntegrationForm form, string? error, int? statusCode = null) =>
        new(new { Form = form, Tree = acl.Tree.Roots, UserName = context.User.Identity?.Name, Error = error })
        {
            StatusCode = statusCode,
        };
}
