using Integrations.Samples.Shop.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Catalog;

/// <summary>
/// The orders placed through the API, in the shop's database (SQLite or PostgreSQL). Their numbers are issued by the
/// database (an identity column), so a number is never given to a second order: not after a restart, not by another
/// shop instance on the same PostgreSQL database.
/// </summary>
internal sealed class ShopOrders(ShopDbContext database, TimeProvider time)
{
    public async Task<IReadOnlyList<Order>> ListAsync(CancellationToken cancellationToken) =>
        await database.Orders.AsNoTracking().OrderBy(order => order.Id).ToListAsync(cancellationToken);

    public Task<Order?> FindAsync(int id, CancellationToken cancellationToken) =>
        database.Orders.AsNoTracking().FirstOrDefaultAsync(order => order.Id == id, cancellationToken);

    public async Task<Order> PlaceAsync(Product product, int quantity, string placedBy, CancellationToken cancellationToken)
    {
        var order = new Order
        {
            Sku = product.Sku,
            Quantity = quantity,
            Total = product.Price * quantity,
            PlacedBy = placedBy,
            CreatedAt = time.GetUtcNow(),
        };
        database.Orders.Add(order);
        await database.SaveChangesAsync(cancellationToken);
        return order;
    }
}
