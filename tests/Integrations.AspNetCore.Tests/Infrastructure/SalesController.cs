using Integrations.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>A controller guarded as a whole, with one action that needs one more resource.</summary>
[ApiController]
[Route("mvc/V1/sales")]
[IntegrationResource(ShopEndpoints.Orders)]
public sealed class SalesController : ControllerBase
{
    [HttpGet]
    public string Orders() => "sales for " + HttpContext.GetIntegration()!.Name;

    [HttpGet("with-products")]
    [IntegrationResource(ShopEndpoints.Products)]
    public string OrdersWithProducts() => "sales and products for " + HttpContext.GetIntegration()!.Name;
}
