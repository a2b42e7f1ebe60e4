using Integrations.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>The <see cref="ShopEndpoints"/> API again as an MVC controller, guarded by the attribute and by a named policy.</summary>
[ApiController]
[Route("mvc/V1")]
public sealed class CatalogController : ControllerBase
{
    /// <summary>The named policy built with the policy builder extension.</summary>
    public const string OrdersPolicy = "Orders";

    [HttpGet("products")]
    [IntegrationResource(ShopEndpoints.Products)]
    public string Products() => "products for " + (HttpContext.GetIntegration()?.Name ?? "guest");

    [HttpGet("orders")]
    [IntegrationResource(ShopEndpoints.Orders)]
    public string Orders() => "orders for " + HttpContext.GetIntegration()!.Name;

    [HttpGet("orders-by-policy")]
    [Authorize(Policy = OrdersPolicy)]
    public string OrdersByPolicy() => "orders for " + HttpContext.GetIntegration()!.Name;
}
