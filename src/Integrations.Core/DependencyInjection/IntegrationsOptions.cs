using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Integrations;

/// <summary>Host-wide settings of the integrations library. Validated at start-up.</summary>
public sealed class IntegrationsOptions
{
    /// <summary>
    /// How long after the credentials are posted to the callback URL the third party may ask for a request token
    /// (Magento's <c>oauth/consumer/expiration_period</c>). Default 300 seconds; 1 second to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = OptionsValidation.TimeSpanRange)]
    public TimeSpan TokenExchangeWindow { get; set; } = TimeSpan.FromSeconds(300);
}
