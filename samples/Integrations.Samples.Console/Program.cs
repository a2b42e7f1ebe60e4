// A console tour of the integration lifecycle on the in-memory stores:
// create → activate (Allow) → reauthorize → delete, printing each step.
using Integrations;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Samples.Console;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddIntegrations()
    .UseInMemoryStores()
    .UseAdminPasswordVerifier<SampleAdminPasswordVerifier>()
    .AddResources(tree => tree
        .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Magento_Catalog::products", "Products"))
        .Add("Magento_Sales::sales", "Sales"));

using var host = builder.Build();
await host.StartAsync();
await using var scope = host.Services.CreateAsyncScope();
var integrations = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
var admin = new AdminConfirmation(SampleAdminPasswordVerifier.AdminId, SampleAdminPasswordVerifier.Password);

var created = await integrations.CreateAsync(
    new IntegrationDraft
    {
        Name = "Acme ERP",
        Email = "ops@acme.example",
        ResourceAccess = ResourceAccess.Custom,
        Resources = { "Magento_Catalog::products", "Magento_Sales::sales" },
    },
    admin);
Console.WriteLine($"1. Created    '{created.Name}' ({created.Id}): {created.Status}, consumer key {created.ConsumerKey}");

try
{
    await integrations.DeleteAsync(created.Id, new AdminConfirmation(SampleAdminPasswordVerifier.AdminId, "wrong password"));
}
catch (InvalidAdminPasswordException exception)
{
    Console.WriteLine($"   Delete with a wrong password refused: {exception.Message}");
}

var activated = await integrations.ActivateAsync(created.Id);
Console.WriteLine($"2. Activated  '{activated.Integration.Name}': {activated.Integration.Status}");
PrintCredentials(activated.Credentials);

var reauthorized = await integrations.ReauthorizeAsync(created.Id);
Console.WriteLine($"3. Reauthorized: {reauthorized.Integration.Status}; new access token issued, the old one stops working");
PrintCredentials(reauthorized.Credentials);

await integrations.DeleteAsync(created.Id, admin);
var gone = await integrations.GetAsync(created.Id);
Console.WriteLine($"4. Deleted    '{created.Name}': {(gone is null ? "it and everything issued for it are gone" : "still there?!")}");

await host.StopAsync();
return gone is null ? 0 : 1;

static void PrintCredentials(IntegrationCredentials credentials)
{
    Console.WriteLine($"   Consumer Key        {credentials.ConsumerKey}");
    Console.WriteLine($"   Consumer Secret     {credentials.ConsumerSecret}");
    Console.WriteLine($"   Access Token        {credentials.AccessToken}");
    Console.WriteLine($"   Access Token Secret {credentials.AccessTokenSecret}");
}
