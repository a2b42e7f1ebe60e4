using System.Security.Claims;
using Integrations.Acl;
using Integrations.AspNetCore.Admin.Components;
using Integrations.AspNetCore.Admin.Forms;
using Integrations.AspNetCore.Admin.Messages;
using Integrations.AspNetCore.Admin.Settings;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Endpoints;

/// <summary>
/// The admin's pages and form posts: the grid (with the dialog an action opens), the form, Allow and Reauthorize,
/// Remove, the credentials, the settings. Every action that changes something or shows a secret takes the admin's
/// password. One per request.
/// </summary>
internal sealed class AdminPages(
    IIntegrationService integrations,
    IResourceAclProvider acl,
    IAdminPasswordVerifier passwords,
    FlashMessages flash,
    AdminSettingsReader settings,
    IOptions<IntegrationsAdminOptions> options,
    IStringLocalizer<AdminText> text)
{
    private const string PasswordField = "current_password";

    /// <summary>
    /// The version passed on when a form carries none, or more than one (a tampered or outdated page): it matches no
    /// integration, so the save or delete is refused as for a changed integration instead of acting on it as it is now.
    /// </summary>
    private const string NoVersionSeen = "";


    public Task<IResult> GridAsync(HttpContext context) => RenderGridAsync(context, dialog: null);

    public IResult New(HttpContext context) => EditPage(context, new IntegrationForm(), error: null);

    public async Task<IResult> EditAsync(Guid id, HttpContext context)
    {
        var integration = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return integration is null
            ? GoneToGrid(context)
            : EditPage(context, IntegrationForm.From(integration), error: null);
    }

    public async Task<IResult> SaveAsync(HttpContext context)
    {
        var posted = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!IntegrationForm.HasValidId(posted))
        {
            return TypedResults.BadRequest("The form names no integration it can save."); // a tampered id must not turn an edit into a new integration
        }

        var form = IntegrationForm.From(posted);
        try
        {
            var saved = form.Id is { } id
                ? await integrations.UpdateAsync(id, form.ToDraft(), Confirmation(context, posted), form.ConcurrencyToken ?? NoVersionSeen, context.RequestAborted).ConfigureAwait(false)
                : await integrations.CreateAsync(form.ToDraft(), Confirmation(context, posted), context.RequestAborted).ConfigureAwait(false);
            flash.Set(context, AdminBasePath.Of(context), FlashMessage.Success(text["The integration '{0}' has been saved.", saved.Name]));
            return TypedResults.Redirect(AdminBasePath.Of(context));
        }
        catch (IntegrationNotFoundException)
        {
            return GoneToGrid(context);
        }
        catch (IntegrationException exception)
        {
            if (form.Id is { } id)
            {
                // The page shown again is the stored integration's (Show Credentials, read-only) with the fields as posted.
                var stored = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
                if (stored is null)
                {
                    return GoneToGrid(context);
                }

                form = form.WithStateOf(stored);
            }

            // Only what is wrong on the API tab opens it; everything else shows on Integration Info.
            var apiOnly = exception is IntegrationValidationException { Errors.Keys: var fields }
                && fields.All(field => field is nameof(IntegrationDraft.Resources) or nameof(IntegrationDraft.ResourceAccess));
            return EditPage(context, form, LibraryMessages.Localize(exception, text), apiOnly ? "api" : null, StatusCodes.Status400BadRequest);
        }
    }

    public Task<IResult> ShowAllowAsync(Guid id, HttpContext context) => ShowAsync(id, context, PermissionsAsync);

    public Task<IResult> AllowAsync(Guid id, HttpContext context) => ConfirmedAsync(id, context, PermissionsAsync, async (integration, posted, confirmation) =>
    {
        // The dialog was shown for the integration as it was then: a reload of the page showing the tokens, a second
        // click, or a change by someone else must not issue (again) what the admin did not see.
        // (the token is also passed on, so a change between this check and the write is refused as well)
        if (posted[IntegrationForm.ConcurrencyTokenField] is not { Count: 1 } token || !string.Equals(token[0], integration.ConcurrencyToken, StringComparison.Ordinal))
        {
            return ChangedSinceDialog(context, integration);
        }

        // Allow and Reauthorize show new secrets: confirmed with the password like Reveal (decision 7).
        if (!await passwords.VerifyAsync(confirmation, context.RequestAborted).ConfigureAwait(false))
        {
            throw new InvalidAdminPasswordException();
        }

        var reauthorize = integration.Status == IntegrationStatus.Active;
        ActivationResult result;
        try
        {
            result = reauthorize
                ? await integrations.ReauthorizeAsync(integration.Id, token[0], context.RequestAborted).ConfigureAwait(false)
                : await integrations.ActivateAsync(integration.Id, token[0], context.RequestAborted).ConfigureAwait(false);
        }
        catch (IntegrationConcurrencyException)
        {
            return ChangedSinceDialog(context, integration);
        }

        var name = result.Integration.Name;
        var basePath = AdminBasePath.Of(context);
        if (result.ExchangePending)
        {
            flash.Set(context, basePath, FlashMessage.Notice(reauthorize
                ? text["Integration '{0}' has been sent for re-authorization.", name]
                : text["Integration '{0}' has been sent for activation.", name]));
            return await RenderGridAsync(context, Fragment<ExchangeDialog>(new()
            {
                [nameof(ExchangeDialog.IdentityLinkUrl)] = result.IdentityLinkUrl,
                [nameof(ExchangeDialog.BackUrl)] = GridUrl(context),
            })).ConfigureAwait(false);
        }

        flash.Set(context, basePath, FlashMessage.Success(reauthorize
            ? text["The integration '{0}' has been re-authorized.", name]
            : text["The integration '{0}' has been activated.", name]));
        return await TokensAsync(context, result.Credentials).ConfigureAwait(false);
    });

    public Task<IResult> ShowRemoveAsync(Guid id, HttpContext context) => ShowAsync(id, context, RemoveDialogAsync);

    public Task<IResult> RemoveAsync(Guid id, HttpContext context) => ConfirmedAsync(id, context, RemoveDialogAsync, async (integration, posted, confirmation) =>
    {
        // deletes the integration as the dialog showed it: one changed since is shown again (with its current name)
        var seen = posted[IntegrationForm.ConcurrencyTokenField] is { Count: 1 } token ? token[0] : NoVersionSeen;
        await integrations.DeleteAsync(integration.Id, confirmation, seen, context.RequestAborted).ConfigureAwait(false);
        flash.Set(context, AdminBasePath.Of(context), FlashMessage.Success(text["The integration '{0}' has been deleted.", integration.Name]));
        return TypedResults.Redirect(GridUrl(context));
    });

    public async Task<IResult> RevealAsync(Guid id, HttpContext context)
    {
        var posted = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            var credentials = await integrations.RevealCredentialsAsync(id, Confirmation(context, posted), context.RequestAborted).ConfigureAwait(false);
            return await TokensAsync(context, credentials).ConfigureAwait(false);
        }
        catch (IntegrationNotFoundException)
        {
            return GoneToGrid(context);
        }
        catch (IntegrationException exception)
        {
            var integration = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
            return integration is null
                ? GoneToGrid(context)
                : EditPage(context, IntegrationForm.From(integration), LibraryMessages.Localize(exception, text), statusCode: StatusCodes.Status400BadRequest);
        }
    }

    public async Task<IResult> SaveSettingsAsync(HttpContext context)
    {
        var posted = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var saved = await settings.SetGuestAccessAsync(posted["allow_insecure"] == "1", context.RequestAborted).ConfigureAwait(false);
        flash.Set(context, AdminBasePath.Of(context), saved switch
        {
            true => FlashMessage.Success(text["You saved the configuration."]),
            false => FlashMessage.Error(text["The configuration could not be saved. Please try again later."]),
            null => FlashMessage.Error(text["This setting is fixed by the host's configuration."]),
        });
        return TypedResults.Redirect(AdminBasePath.Of(context));
    }

    public static ContentHttpResult LoginSuccess(HttpContext context) => TypedResults.Content(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Done</title></head><body data-role=\"login-success\">"
        + "<p>Setup completed. This window closes itself.</p>"
        + $"<script src=\"{System.Net.WebUtility.HtmlEncode(AdminBasePath.Of(context))}/assets/admin.js\"></script></body></html>",
        "text/html; charset=utf-8");

    /// <summary>Opens an action's dialog over the grid, or goes back to the grid when the integration is gone.</summary>
    private async Task<IResult> ShowAsync(Guid id, HttpContext context, Func<HttpContext, Integration, string?, Task<IResult>> dialog)
    {
        var integration = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return integration is null ? GoneToGrid(context) : await dialog(context, integration, null).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a dialog's action with the password posted: gone goes back to the grid, a refusal (wrong password, lockout,
    /// a state that does not allow it) shows the dialog again with the reason.
    /// </summary>
    private async Task<IResult> ConfirmedAsync(
        Guid id,
        HttpContext context,
        Func<HttpContext, Integration, string?, Task<IResult>> dialog,
        Func<Integration, IFormCollection, AdminConfirmation, Task<IResult>> action)
    {
        var integration = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (integration is null)
        {
            return GoneToGrid(context);
        }

        var posted = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            return await action(integration, posted, Confirmation(context, posted)).ConfigureAwait(false);
        }
        catch (IntegrationNotFoundException)
        {
            return GoneToGrid(context);
        }
        catch (IntegrationException exception)
        {
            // shown again as the integration is now: an action that wrote before it failed (an Allow whose callback POST
            // failed claimed the exchange and rolled it back, each a new version) must not leave the dialog carrying a
            // version that is gone, or the admin's next click is refused as changed since the dialog was opened
            var current = await integrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
            return current is null
                ? GoneToGrid(context)
                : await dialog(context, current, LibraryMessages.Localize(exception, text)).ConfigureAwait(false);
        }
    }

    /// <summary>An Allow posted for a state of the integration that is gone (a reload, a second click, someone else's change): nothing was done.</summary>
    private RedirectHttpResult ChangedSinceDialog(HttpContext context, Integration integration)
    {
        flash.Set(context, AdminBasePath.Of(context), FlashMessage.Notice(
            text["The integration '{0}' changed after the dialog was opened (it may already have been allowed): nothing was done.", integration.Name]));
        return TypedResults.Redirect(GridUrl(context));
    }

    private async Task<IResult> PermissionsAsync(HttpContext context, Integration integration, string? error)
    {
        var titles = acl.Tree.Resources
            .Where(resource => integration.ResourceAccess == ResourceAccess.All || integration.Resources.Contains(resource.Id))
            .Select(resource => resource.Title)
            .ToList();
        return await RenderGridAsync(
            context,
            Fragment<PermissionsDialog>(new()
            {
                [nameof(PermissionsDialog.Integration)] = integration,
                [nameof(PermissionsDialog.Resources)] = titles,
                [nameof(PermissionsDialog.Reauthorize)] = integration.Status == IntegrationStatus.Active,
                [nameof(PermissionsDialog.Error)] = error,
                [nameof(PermissionsDialog.ActionUrl)] = $"{AdminBasePath.Of(context)}/{integration.Id}/allow{context.Request.QueryString}",
                [nameof(PermissionsDialog.BackUrl)] = GridUrl(context),
            }),
            error is null ? null : StatusCodes.Status400BadRequest).ConfigureAwait(false);
    }

    private async Task<IResult> RemoveDialogAsync(HttpContext context, Integration integration, string? error) =>
        await RenderGridAsync(
            context,
            Fragment<RemoveDialog>(new()
            {
                [nameof(RemoveDialog.Integration)] = integration,
                [nameof(RemoveDialog.Error)] = error,
                [nameof(RemoveDialog.ActionUrl)] = $"{AdminBasePath.Of(context)}/{integration.Id}/remove{context.Request.QueryString}",
                [nameof(RemoveDialog.BackUrl)] = GridUrl(context),
            }),
            error is null ? null : StatusCodes.Status400BadRequest).ConfigureAwait(false);

    private Task<IResult> TokensAsync(HttpContext context, IntegrationCredentials credentials) =>
        RenderGridAsync(context, Fragment<TokensDialog>(new()
        {
            [nameof(TokensDialog.Credentials)] = credentials,
            [nameof(TokensDialog.BackUrl)] = GridUrl(context),
        }));

    private async Task<IResult> RenderGridAsync(HttpContext context, RenderFragment? dialog, int? statusCode = null)
    {
        var pageSizes = options.Value.PageSizes;
        var query = GridQuery.From(context.Request.Query, pageSizes);
        var page = await integrations.ListAsync(query.ToIntegrationQuery(), context.RequestAborted).ConfigureAwait(false);
        if (page.Items.Count == 0 && page.TotalCount > 0 && query.Page > 1)
        {
            // A page beyond the last (its last row removed, a bookmark): the last page, as Magento clamps it.
            query = query with { Page = query.LastPage(page.TotalCount) };
            page = await integrations.ListAsync(query.ToIntegrationQuery(), context.RequestAborted).ConfigureAwait(false);
        }

        return new RazorComponentResult<IntegrationsGridPage>(new
        {
            // A message waiting for the grid stays until the grid is shown without a dialog.
            Page = PageContext(context, takeFlash: dialog is null),
            page.Items,
            NeedingReauthorize = page.Items.Where(integrations.CredentialsNeedReauthorize).Select(i => i.Id).ToHashSet(),
            Total = page.TotalCount,
            Query = query,
            PageSizes = pageSizes,
            Settings = settings.Read(),
            Dialog = dialog,
        })
        {
            StatusCode = statusCode,
        };
    }

    private RazorComponentResult<IntegrationEditPage> EditPage(HttpContext context, IntegrationForm form, string? error, string? tab = null, int? statusCode = null) =>
        new(new { Page = PageContext(context, takeFlash: false), Form = form, Tree = acl.Tree.Roots, Error = error, Tab = tab ?? context.Request.Query["tab"].ToString() })
        {
            StatusCode = statusCode,
        };

    private RedirectHttpResult GoneToGrid(HttpContext context)
    {
        flash.Set(context, AdminBasePath.Of(context), FlashMessage.Error(text["This integration no longer exists."]));
        return TypedResults.Redirect(AdminBasePath.Of(context));
    }

    private AdminPageContext PageContext(HttpContext context, bool takeFlash)
    {
        var basePath = AdminBasePath.Of(context);
        return new AdminPageContext(basePath, AdminId(context.User), takeFlash ? flash.Take(context, basePath) : null);
    }

    private static string GridUrl(HttpContext context) => AdminBasePath.Of(context) + context.Request.QueryString;

    private static AdminConfirmation Confirmation(HttpContext context, IFormCollection posted) =>
        new(AdminId(context.User) ?? "", posted[PasswordField].ToString());

    private static string? AdminId(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    private static RenderFragment Fragment<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent => builder =>
    {
        builder.OpenComponent<TComponent>(0);
        foreach (var (name, value) in parameters)
        {
            builder.AddComponentParameter(1, name, value);
        }

        builder.CloseComponent();
    };
}
