using Integrations.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Integrations.Samples.Shop.Catalog;

/// <summary>
/// One order by id, as an MVC controller guarded by <see cref="IntegrationResourceAttribute"/>: the same ACL check and
/// the same Magento answers as the minimal-API endpoints of <see cref="CatalogEndpoints"/>, and the integrations
/// scheme answers unsigned calls with its OAuth challenge, not the admin cookie's sign-in redirect.
/// </summary>
[ApiController]
[Route("rest/V1/orders")]
[IntegrationResource(ShopResources.ViewOrders)]
public sealed class OrdersController : ControllerBase
{
    /// <summary>Magento's <c>GET /V1/orders/{id}</c>.</summary>
    /// <param name="id">The order id.</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    /// <returns>The order, or Magento's 404.</returns>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken) =>
        await HttpContext.RequestServices.GetRequiredService<ShopOrders>().FindAsync(id, cancellationToken) is { } order // the shop's types are internal
            ? Ok(order)
            : NotFound(new { message = "The entity that was requested doesn't exist. Verify the entity and try again." });
}
