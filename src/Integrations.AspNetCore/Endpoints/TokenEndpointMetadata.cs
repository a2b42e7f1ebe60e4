namespace Integrations.AspNetCore.Endpoints;

/// <summary>
/// Marks the token endpoints: their requests are signed for the token exchange, which authenticates them itself, so
/// the authentication scheme leaves them alone (no second validation as an API call, no refusal logged for them).
/// </summary>
internal sealed class TokenEndpointMetadata
{
    public static readonly TokenEndpointMetadata Instance = new();
}
