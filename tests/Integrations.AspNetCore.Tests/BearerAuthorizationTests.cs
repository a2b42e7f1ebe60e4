using Integrations.AspNetCore.Http;

namespace Integrations.AspNetCore.Tests;

/// <summary>Which <c>Authorization</c> headers are read as a Bearer token: Magento's two space-separated parts.</summary>
public sealed class BearerAuthorizationTests
{
    [Theory]
    [InlineData("Bearer abc123", "abc123")]
    [InlineData("bearer abc123", "abc123")]
    [InlineData("BEARER abc123", "abc123")]
    [InlineData("  Bearer   abc123  ", "abc123")]
    public void Two_parts_with_the_Bearer_scheme_give_the_token(string header, string token)
    {
        BearerAuthorization.TryReadToken(header, out var read).Should().BeTrue();
        read.Should().Be(token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer abc 123")]
    [InlineData("Bearerabc123")]
    [InlineData("Bearer\tabc123")]
    [InlineData("Basic abc123")]
    [InlineData("OAuth oauth_consumer_key=\"k\", oauth_token=\"t\", oauth_signature=\"s\"")]
    [InlineData("Bear abc123")]
    public void Anything_else_is_not_a_Bearer_token(string header)
    {
        BearerAuthorization.TryReadToken(header, out var read).Should().BeFalse();
        read.Should().BeEmpty();
    }
}
