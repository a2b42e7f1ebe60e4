namespace Integrations.LoadTest;

/// <summary>
/// What the host process tells the load generator once it listens: its address, the credentials to sign with and the
/// name of its PostgreSQL database (<see langword="null"/> on other stores).
/// </summary>
internal sealed record HostInfo(string Address, string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret, string? Database);
