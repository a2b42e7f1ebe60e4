using System.Text;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>The receiver's length check of store_base_url against what the connection stores keep.</summary>
public sealed class CallbackReceiverStoreUrlTests
{
    [Fact]
    public async Task A_store_base_url_longer_than_2048_characters_once_escaped_is_refused_before_its_exchange()
    {
        await using var app = await ReceiverApp.StartAsync(o =>
        {
            o.AcceptAnyStore = true;
            o.MaxCallbackBodyBytes = 16 * 1024;
        });
        // 400 characters of path as posted, 3,600 once escaped (%E2%82%AC each): the URL the store keeps, and the
        // EF Core store's store_base_url column holds 2,048 (PostgreSQL refuses the save after the exchange)
        var url = "https://shop.example.com/" + new string('\u20ac', 400) + "/";
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([
            new("oauth_consumer_key", "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d"),
            new("oauth_consumer_secret", "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7"),
            new("store_base_url", url),
            new("oauth_verifier", "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6")]);

        using var answer = await http.PostAsync(app.CallbackUrl, form);

        new Uri(url).AbsoluteUri.Length.Should().BeGreaterThan(2048);
        answer.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, "the receiver refuses a store_base_url over 2,048 characters, but measured it as posted, not as stored");
    }
}
