namespace Integrations.LoadTest;

/// <summary>
/// What a host process tells the load generator once it listens (one JSON line): its address and, from the host
/// that created the integration, the credentials to sign with (<see langword="null"/> from the others).
/// </summary>
internal sealed record HostInfo(string Address, SigningCredentials? Credentials);
