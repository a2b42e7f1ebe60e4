using Integrations.Model;

namespace Integrations.Stores;

/// <summary>One page of the integrations grid.</summary>
/// <param name="Items">The integrations on the page.</param>
/// <param name="TotalCount">How many integrations match the filter in all.</param>
public sealed record IntegrationPage(IReadOnlyList<Integration> Items, int TotalCount);
