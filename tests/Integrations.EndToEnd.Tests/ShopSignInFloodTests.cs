using System.Net;

namespace Integrations.EndToEnd.Tests;

/// <summary>A sign-in flood on a shop of its own (the limit is per client address for the whole minute).</summary>
public sealed class ShopSignInFloodTests(ShopHost shop) : IClassFixture<ShopHost>
{
    [Fact]
    public async Task A_sign_in_flood_is_answered_too_many_requests_by_the_rate_limiter()
    {
        using var http = new HttpClient { BaseAddress = shop.Address };
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var login = await http.GetStringAsync("/admin/login");
            using var response = await http.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ShopHardeningTests.Token(login),
                ["username"] = "mallory",
                ["password"] = "guess " + attempt,
            }));
            statuses.Add(response.StatusCode);
        }

        statuses.Take(10).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses.Skip(10).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }

}
