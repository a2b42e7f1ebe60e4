using System.Globalization;
using Integrations.Model;
using Integrations.Stores;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.AspNetCore.Admin.Forms;

/// <summary>
/// The grid's filter, sort and page as they appear in its address (<c>?name=&amp;email=&amp;status=&amp;sort=&amp;dir=&amp;page=&amp;limit=</c>),
/// so a filtered view can be bookmarked. Anything unknown in the address falls back to the default.
/// </summary>
public sealed record GridQuery
{
    /// <summary>The name filter.</summary>
    public string Name { get; init; } = "";

    /// <summary>The e-mail filter.</summary>
    public string Email { get; init; } = "";

    /// <summary>The status filter, or <see langword="null"/> for any.</summary>
    public IntegrationStatus? Status { get; init; }

    /// <summary>The sort column: <c>name</c>, <c>email</c> or <c>status</c>.</summary>
    public string Sort { get; init; } = "name";

    /// <summary>Whether the sort is descending.</summary>
    public bool Descending { get; init; }

    /// <summary>The 1-based page.</summary>
    public int Page { get; init; } = 1;

    /// <summary>The page size.</summary>
    public int Limit { get; init; }

    /// <summary>The page size when the address names none (left out of <see cref="ToQueryString"/>).</summary>
    public int DefaultLimit { get; init; }

    /// <summary>Whether a filter is set.</summary>
    public bool IsFiltered => Name.Length > 0 || Email.Length > 0 || Status is not null;

    /// <summary>Reads the grid's query from a request's query string.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="pageSizes">The page sizes offered; the first is the default.</param>
    /// <returns>The grid's query.</returns>
    public static GridQuery From(IQueryCollection query, IList<int> pageSizes)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(pageSizes);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && pageSizes.Contains(l) ? l : pageSizes[0];
        return new GridQuery
        {
            Name = query["name"].ToString().Trim(),
            Email = query["email"].ToString().Trim(),
            Status = query["status"].ToString() switch
            {
                "active" => IntegrationStatus.Active,
                "inactive" => IntegrationStatus.Inactive,
                "pending" => IntegrationStatus.PendingExchange,
                _ => null,
            },
            Sort = query["sort"].ToString() is "email" or "status" ? query["sort"].ToString() : "name",
            Descending = query["dir"] == "desc",
            Page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1,
            Limit = limit,
            DefaultLimit = pageSizes[0],
        };
    }

    /// <summary>The last page for a number of matching integrations (1 when there are none).</summary>
    /// <param name="totalCount">How many integrations match the filter.</param>
    /// <returns>The 1-based last page.</returns>
    internal int LastPage(int totalCount) => totalCount <= 0 ? 1 : ((totalCount - 1) / Limit) + 1;

    /// <summary>The value of <see cref="Status"/> in the address.</summary>
    public string StatusValue => Status switch
    {
        IntegrationStatus.Active => "active",
        IntegrationStatus.Inactive => "inactive",
        IntegrationStatus.PendingExchange => "pending",
        _ => "",
    };

    /// <summary>The store query.</summary>
    /// <returns>The filter, sort and page for <c>IIntegrationService.ListAsync</c>.</returns>
    public IntegrationQuery ToIntegrationQuery() => new()
    {
        NameContains = Name,
        EmailContains = Email,
        Status = Status,
        SortBy = Sort switch
        {
            "email" => IntegrationSortField.Email,
            "status" => IntegrationSortField.Status,
            _ => IntegrationSortField.Name,
        },
        Descending = Descending,
        Page = Page,
        PageSize = Limit,
    };

    /// <summary>The query string of this view (only what differs from the defaults), with a leading <c>?</c> or empty.</summary>
    /// <returns>The query string.</returns>
    public string ToQueryString()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        Add(values, "name", Name);
        Add(values, "email", Email);
        Add(values, "status", StatusValue);
        Add(values, "sort", Sort == "name" ? "" : Sort);
        Add(values, "dir", Descending ? "desc" : "");
        Add(values, "page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : "");
        Add(values, "limit", Limit == DefaultLimit ? "" : Limit.ToString(CultureInfo.InvariantCulture));
        return values.Count == 0 ? "" : QueryHelpers.AddQueryString("", values);
    }

    private static void Add(Dictionary<string, string?> values, string key, string value)
    {
        if (value.Length > 0)
        {
            values[key] = value;
        }
    }
}
