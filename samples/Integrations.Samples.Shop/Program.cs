// The shop sample: `dotnet run --project samples/Integrations.Samples.Shop`, then open the printed address.
using Integrations.Samples.Shop;

await using var app = ShopApplication.Create(args);
await app.RunAsync();
