using Integrations.Model;

namespace Integrations.Stores;

/// <summary>Filter, sort and page of the integrations grid. Ties are broken by id, so pages are stable.</summary>
public sealed record IntegrationQuery
{
    /// <summary>The largest page size a store returns.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Only integrations whose name contains this text, case-insensitively.</summary>
    public string? NameContains { get; init; }

    /// <summary>
    /// Only integrations whose contact e-mail address contains this text as typed or in another case (the EF Core store
    /// on SQLite, whose <c>upper()</c> is ASCII only, tells the case of ASCII letters only).
    /// </summary>
    public string? EmailContains { get; init; }

    /// <summary>Only integrations in this state.</summary>
    public IntegrationStatus? Status { get; init; }

    /// <summary>The sort column.</summary>
    public IntegrationSortField SortBy { get; init; } = IntegrationSortField.Name;

    /// <summary>Whether to sort in descending order.</summary>
    public bool Descending { get; init; }

    /// <summary>The 1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>The page size, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>How many rows to skip for <see cref="Page"/>.</summary>
    /// <remarks>A page beyond the last row skips every row (at most <see cref="int.MaxValue"/>), so it is empty rather than wrapping around.</remarks>
    public int Skip => (int)Math.Min((Math.Max(Page, 1) - 1L) * Take, int.MaxValue);

    /// <summary>How many rows to take.</summary>
    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}
