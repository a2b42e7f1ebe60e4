using System.Net;
using System.Text.Json;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>Checks the answers a Magento client relies on.</summary>
public static class ResponseAssertions
{
    /// <summary>Asserts status, Magento JSON body and the WWW-Authenticate challenge.</summary>
    public static async Task ShouldBeMagentoErrorAsync(
        this HttpResponseMessage response,
        HttpStatusCode status,
        string expectedJson,
        string? expectedChallenge)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(body), System.Text.Json.Nodes.JsonNode.Parse(expectedJson))
            .Should().BeTrue($"the body {body} should be {expectedJson}");
        var challenge = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList();
        if (expectedChallenge is null)
        {
            challenge.Should().BeEmpty();
        }
        else
        {
            challenge.Should().Equal(expectedChallenge);
        }
    }

    /// <summary>Magento's "consumer isn't authorized" body for the given resources.</summary>
    public static string NotAuthorizedJson(string resources) =>
        JsonSerializer.Serialize(new { message = "The consumer isn't authorized to access %resources.", parameters = new { resources } });

    /// <summary>The "consumer isn't authorized" body of an endpoint that names no resources (no dangling placeholder).</summary>
    public static string NotAuthorizedWithoutResourcesJson() =>
        JsonSerializer.Serialize(new { message = "The consumer isn't authorized to access the requested resources." });
}
