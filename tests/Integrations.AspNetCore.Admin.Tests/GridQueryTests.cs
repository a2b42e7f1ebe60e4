using Integrations.AspNetCore.Admin.Forms;
using Integrations.Model;
using Integrations.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class GridQueryTests
{
    private static readonly int[] PageSizes = [20, 50];

    [Fact]
    public void An_address_is_read_into_the_store_query_and_written_back_the_same()
    {
        var query = Read("?name=acme&email=ops&status=pending&sort=email&dir=desc&page=3&limit=50");

        query.ToIntegrationQuery().Should().BeEquivalentTo(new IntegrationQuery
        {
            NameContains = "acme",
            EmailContains = "ops",
            Status = IntegrationStatus.PendingExchange,
            SortBy = IntegrationSortField.Email,
            Descending = true,
            Page = 3,
            PageSize = 50,
        });
        Read(query.ToQueryString()).Should().Be(query);
    }

    [Theory]
    [InlineData("?status=deleted&sort=password&dir=up&page=-2&limit=7")]
    [InlineData("?page=99999999999999999999&limit=%00")]
    [InlineData("")]
    public void Anything_unknown_in_the_address_falls_back_to_the_defaults(string address)
    {
        var query = Read(address);

        query.Should().Be(new GridQuery { Limit = 20, DefaultLimit = 20 });
        query.ToQueryString().Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(40, 2)]
    public void The_last_page_is_the_one_holding_the_last_integration(int totalCount, int lastPage) =>
        Read("?page=7").LastPage(totalCount).Should().Be(lastPage);

    private static GridQuery Read(string address) =>
        GridQuery.From(new QueryCollection(QueryHelpers.ParseQuery(address)), PageSizes);
}
