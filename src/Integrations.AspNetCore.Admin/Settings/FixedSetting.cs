namespace Integrations.AspNetCore.Admin.Settings;

/// <summary>A setting the host fixes in its configuration, shown read-only with where it comes from.</summary>
/// <param name="Label">What it is (an English text, translated on the page).</param>
/// <param name="Value">Its value now.</param>
/// <param name="Source">Where the host sets it: the option's name.</param>
public sealed record FixedSetting(string Label, string Value, string Source);
