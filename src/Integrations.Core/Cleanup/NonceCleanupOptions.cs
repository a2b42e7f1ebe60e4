using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Integrations.Cleanup;

/// <summary>How the background nonce cleanup runs. Validated at start-up.</summary>
public sealed class NonceCleanupOptions
{
    /// <summary>The time between two cleanup runs. Default 1 minute; 1 second to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = OptionsValidation.TimeSpanRange)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most nonces one statement removes (a run repeats batches until fewer are left). Small batches keep each
    /// delete short, so it never holds many locks while requests record nonces. Default 1,000; 1 to 100,000.
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;
}
