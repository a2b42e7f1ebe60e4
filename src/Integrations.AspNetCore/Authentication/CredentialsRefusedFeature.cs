namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Set on a request whose integration credentials the scheme refused (or could not check: the stores were
/// unavailable), so the resource check does not serve it as a guest: the client is told why its credentials failed.
/// </summary>
internal sealed class CredentialsRefusedFeature
{
    /// <summary>The one instance (the feature carries no data).</summary>
    public static readonly CredentialsRefusedFeature Instance = new();

    private CredentialsRefusedFeature()
    {
    }
}
