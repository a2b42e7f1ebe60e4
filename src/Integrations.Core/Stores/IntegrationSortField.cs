namespace Integrations.Stores;

/// <summary>The columns the admin grid sorts by.</summary>
public enum IntegrationSortField
{
    /// <summary>By name, case-insensitively.</summary>
    Name,

    /// <summary>By status.</summary>
    Status,

    /// <summary>By creation time.</summary>
    CreatedAt,

    /// <summary>By last change.</summary>
    UpdatedAt,

    /// <summary>
    /// By contact e-mail address, case-insensitively for ASCII letters (integrations without one first): other
    /// characters by code point as they are, the one order every store can give (SQLite's <c>upper()</c> is ASCII only).
    /// </summary>
    Email,
}
