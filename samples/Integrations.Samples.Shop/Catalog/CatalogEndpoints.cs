using System.Text.Json;
using Integrations.AspNetCore.Authorization;

namespace Integrations.Samples.Shop.Catalog;

/// <summary>
/// The shop's small REST API, at Magento's paths, each endpoint guarded by the ACL resources an integration must
/// have been granted. Products and categories are guest-eligible: open without credentials when the admin allows
/// anonymous guest access.
/// </summary>
internal static class CatalogEndpoints
{
    public static void MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/rest/V1");
        api.MapGet("/products", (ShopCatalog catalog) => TypedResults.Ok(new { items = catalog.Products, total_count = catalog.Products.Count }))
            .RequireIntegrationResources(ShopResources.Products);
        api.MapGet("/products/{sku}", (string sku, ShopCatalog catalog) =>
                catalog.FindProduct(sku) is { } product
                    ? Results.Ok(product)
                    : Results.NotFound(new { message = "The product that was requested doesn't exist. Verify the product and try again." }))
            .RequireIntegrationResources(ShopResources.Products);
        api.MapGet("/categories", (ShopCatalog catalog) => TypedResults.Ok(new { items = catalog.Categories, total_count = catalog.Categories.Count }))
            .RequireIntegrationResources(ShopResources.Categories);
        api.MapGet("/orders", async (ShopOrders orders, CancellationToken cancellationToken) =>
            {
                var items = await orders.ListAsync(cancellationToken);
                return TypedResults.Ok(new { items, total_count = items.Count });
            })
            .RequireIntegrationResources(ShopResources.ViewOrders);
        // the body is read by the handler, after authentication and authorization: a parameter bound from the body
        // would make routing refuse a non-JSON request with 415 before the caller's credentials are even looked at
        api.MapPost("/orders", PlaceOrderAsync)
            .RequireIntegrationResources(ShopResources.CreateOrders);
    }

    private static async Task<IResult> PlaceOrderAsync(ShopCatalog catalog, ShopOrders orders, HttpContext context)
    {
        OrderRequest? request;
        if (context.Request.HasFormContentType)
        {
            // a form body's fields are part of the OAuth signature the authentication handler checked
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            request = int.TryParse(form["quantity"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
                ? new OrderRequest(form["sku"], quantity)
                : null;
        }
        else if (context.Request.HasJsonContentType())
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync<OrderRequest>(context.RequestAborted);
            }
            catch (JsonException)
            {
                request = null;
            }
        }
        else
        {
            return Results.Json(new { message = "The order must be sent as application/json or application/x-www-form-urlencoded." }, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (request is null)
        {
            return Results.BadRequest(new { message = "The order is not valid: it needs a sku and a whole quantity." });
        }

        if (request.Sku is null || catalog.FindProduct(request.Sku) is not { } product)
        {
            return Results.BadRequest(new { message = "The product that was requested doesn't exist. Verify the product and try again." });
        }

        if (request.Quantity is < 1 or > 100)
        {
            return Results.BadRequest(new { message = "The quantity must be between 1 and 100." });
        }

        var order = await orders.PlaceAsync(product, request.Quantity, context.User.Identity?.Name ?? "unknown", context.RequestAborted);
        return Results.Created($"/rest/V1/orders/{order.Id}", order);
    }
}
