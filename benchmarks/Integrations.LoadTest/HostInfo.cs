namespace Integrations.LoadTest;

/// <summary>What the host process tells the load generator once it listens: its address and the credentials to sign with.</summary>
internal sealed record HostInfo(string Address, string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret);
