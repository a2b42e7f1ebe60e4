using System.Text;
using System.Text.Encodings.Web;
using Integrations.Client.Connections;
using Integrations.Client.Onboarding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// The third party's side of Magento's onboarding: the callback URL that receives the credentials (the client
/// package's receiver), the identity link page the admin opens, and a small page and API to see the connections and
/// call the shop.
/// </summary>
internal static class ThirdPartyEndpoints
{
    public const string CallbackPath = "/integration/callback";
    public const string IdentityLinkPath = "/integration/identity";

    public static void MapThirdParty(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntegrationsCallback(CallbackPath);
        endpoints.MapGet(IdentityLinkPath, IdentityLinkAsync);
        endpoints.MapGet("/integration/connections", (ConnectionStatuses statuses) => TypedResults.Ok(statuses.All));
        endpoints.MapPost("/integration/connections/{consumerKey}/call", CallShopAsync);
        endpoints.MapPost("/integration/connections/{consumerKey}/order", PostOrderAsync);
        endpoints.MapGet("/", Home);
    }

    private static async Task<IResult> IdentityLinkAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "oauth_consumer_key")] string? consumerKey,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "success_call_back")] string? successCallBack,
        ConnectionStatuses statuses,
        CancellationToken cancellationToken)
    {
        var connection = consumerKey is null ? null : statuses.Find(consumerKey);
        for (var waited = 0; connection is { State: "received" } && waited < 100; waited++)
        {
            await Task.Delay(100, cancellationToken);
            connection = statuses.Find(consumerKey!);
        }

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acme ERP: connect your shop</title></head><body><h1>Acme ERP</h1>");
        if (connection is null)
        {
            html.Append("<p>No credentials arrived for this consumer key. Activate the integration in the shop's admin first.</p>");
        }
        else
        {
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(connection.State == "connected"
                ? $"Your shop {connection.StoreBaseUrl} is connected."
                : $"Connecting your shop {connection.StoreBaseUrl} failed: {connection.Error}")).Append("</p>");

            // Back to the shop's admin only, never elsewhere.
            if (Uri.TryCreate(successCallBack, UriKind.Absolute, out var back) && back.GetLeftPart(UriPartial.Authority) == connection.StoreBaseUrl.GetLeftPart(UriPartial.Authority))
            {
                html.Append("<p><a id=\"back\" href=\"").Append(HtmlEncoder.Default.Encode(back.AbsoluteUri)).Append("\">Back to the shop</a></p>")
                    .Append("<script>setTimeout(function () { document.getElementById('back').click(); }, 1000);</script>");
            }
        }

        return TypedResults.Content(html.Append("</body></html>").ToString(), "text/html");
    }

    private static Task<IResult> CallShopAsync(string consumerKey, IIntegrationConnectionStore store, ConnectionStatuses statuses, ShopApiClient client, CancellationToken cancellationToken) =>
        CallAsync(consumerKey, store, statuses, connection => client.GetAsync(connection, ShopApiClient.Products, cancellationToken), cancellationToken);

    private static Task<IResult> PostOrderAsync(string consumerKey, IIntegrationConnectionStore store, ConnectionStatuses statuses, ShopApiClient client, CancellationToken cancellationToken) =>
        CallAsync(consumerKey, store, statuses, connection => client.PostFormAsync(connection, "rest/V1/orders", [new("sku", "24-MB01"), new("quantity", "1")], cancellationToken), cancellationToken);

    private static async Task<IResult> CallAsync(string consumerKey, IIntegrationConnectionStore store, ConnectionStatuses statuses, Func<IntegrationConnection, Task<ShopApiCall>> call, CancellationToken cancellationToken)
    {
        var connection = await store.FindAsync(consumerKey, cancellationToken);
        if (connection is null)
        {
            return TypedResults.NotFound();
        }

        var result = await call(connection);
        statuses.Record(consumerKey, result);
        return TypedResults.Ok(result);
    }

    private static ContentHttpResult Home(ConnectionStatuses statuses)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme ERP</title></head><body>
            <h1>Acme ERP (a third-party sample)</h1>
            <p>Give a shop's integration the callback URL <code>/integration/callback</code> and the identity link URL
            <code>/integration/identity</code> of this site, then activate it in the shop's admin.</p>
            <table border="1" cellpadding="4"><tr><th>Shop</th><th>Consumer key</th><th>State</th><th>Last API call</th><th></th></tr>
            """);
        foreach (var connection in statuses.All)
        {
            var encoder = HtmlEncoder.Default;
            html.Append("<tr><td>").Append(encoder.Encode(connection.StoreBaseUrl.AbsoluteUri))
                .Append("</td><td>").Append(encoder.Encode(connection.ConsumerKey))
                .Append("</td><td>").Append(encoder.Encode(connection.Error is null ? connection.State : $"{connection.State}: {connection.Error}"))
                .Append("</td><td>").Append(encoder.Encode(connection.LastApiCall is { } call ? $"{call.StatusCode} {call.Body}" : ""))
                .Append("</td><td><button onclick=\"fetch('/integration/connections/").Append(encoder.Encode(connection.ConsumerKey))
                .Append("/call', {method: 'POST'}).then(function () { location.reload(); })\">Call the shop's API</button></td></tr>");
        }

        return TypedResults.Content(html.Append("</table></body></html>").ToString(), "text/html");
    }
}
