namespace Integrations.Storage.EfCore;

/// <summary>
/// The names of the tables the integrations model adds to a host's database, without a prefix
/// (<see cref="IntegrationsModelOptions.TablePrefix"/> is put before each).
/// </summary>
public static class IntegrationsTableNames
{
    /// <summary>The integrations: one row each, with the consumer key and the encrypted consumer secret.</summary>
    public const string Integration = "integration";

    /// <summary>The token each integration holds (at most one): its hash and its encrypted value and secret.</summary>
    public const string Token = "integration_token";

    /// <summary>The nonces of accepted requests, per consumer key, until they expire.</summary>
    public const string Nonce = "integration_nonce";
}
