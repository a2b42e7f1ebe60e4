using System.Net;
using System.Text.RegularExpressions;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.EndToEnd.Tests;

/// <summary>An integration whose stored secret no longer decrypts, as the admin and the third party meet it in the shop.</summary>
public sealed class UnreadableSecretEndToEndTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private readonly SignedApiClient api = new();

    [Fact]
    public async Task Its_calls_are_refused_401_the_grid_says_it_needs_a_reauthorize_and_a_reauthorize_repairs_it()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Broken Key", null, null, "Magento_Catalog::products");
        var shown = await admin.ActivateAsync(id);
        var products = new Uri(shop.Address, "rest/V1/products");
        (await api.CallAsync(HttpMethod.Get, products, shown)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NeedsReauthorizeHintAsync(admin, "Broken Key")).Should().BeFalse();

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIntegrationStore>();
            var stored = (await store.FindByIdAsync(id, default))!;
            var corrupted = stored.ProtectedConsumerSecret[..^2] + (stored.ProtectedConsumerSecret[^2] == 'A' ? "BB" : "AA");
            await store.UpdateAsync(stored with { ProtectedConsumerSecret = corrupted, ConcurrencyToken = "corrupted" }, stored.ConcurrencyToken, default);
        }

        (await api.CallAsync(HttpMethod.Get, products, shown)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await NeedsReauthorizeHintAsync(admin, "Broken Key")).Should().BeTrue();

        var repaired = await admin.ReauthorizeAsync(id);
        (await api.CallAsync(HttpMethod.Get, products, repaired)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await NeedsReauthorizeHintAsync(admin, "Broken Key")).Should().BeFalse();
    }

    public void Dispose() => api.Dispose();

    private static async Task<bool> NeedsReauthorizeHintAsync(AdminClient admin, string name)
    {
        var row = Regex.Match(await admin.GridAsync(), $"data-integration=\"{Regex.Escape(name)}\".*?</tr>", RegexOptions.Singleline);
        row.Success.Should().BeTrue();
        return row.Value.Contains("data-role=\"needs-reauthorize\"", StringComparison.Ordinal);
    }
}
