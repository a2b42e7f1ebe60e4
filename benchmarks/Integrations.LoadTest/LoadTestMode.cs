namespace Integrations.LoadTest;

/// <summary>What the load generator measures.</summary>
internal enum LoadTestMode
{
    /// <summary>Requests per second, signed against unauthenticated, per store: the markdown table.</summary>
    Table,

    /// <summary>N concurrent copies of one signed request over K hosts on one database.</summary>
    ReplayBurst,

    /// <summary>N concurrent distinct signed requests over K hosts on one database.</summary>
    Burst,

    /// <summary>Signed requests per second while the nonce cleanup removes N expired nonces, against without it.</summary>
    Cleanup,
}
