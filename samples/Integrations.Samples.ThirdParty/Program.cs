// The third-party sample: `dotnet run --project samples/Integrations.Samples.ThirdParty`, then give a shop's
// integration this app's callback URL and identity link URL.
using Integrations.Samples.ThirdParty;

await using var app = ThirdPartyApplication.Create(args);
await app.RunAsync();
