namespace Integrations.Handshake.Tests.Support;

/// <summary>The library's defaults the tests rely on.</summary>
internal static class IntegrationsOptionsDefaults
{
    /// <summary>The default token-exchange window (Magento's 300 seconds).</summary>
    public static TimeSpan Window { get; } = new IntegrationsOptions().TokenExchangeWindow;
}
