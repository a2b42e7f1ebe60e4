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

    /// <summary>By contact e-mail address, case-insensitively (integrations without one first).</summary>
    Email,
}
