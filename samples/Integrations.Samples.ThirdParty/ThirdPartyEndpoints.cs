using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// The third party's side of Magento's onboarding: the callback URL that receives the credentials, the identity
/// link page the admin opens, and a small page and API to see the connections and call the shop.
/// </summary>
internal static class ThirdPartyEndpoints
{
    public const string CallbackPath = "/integration/callback";
    public const string IdentityLinkPath = "/integration/identity";

    public static void MapThirdParty(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CallbackPath, ReceiveCredentials).DisableAntiforgery();
        endpoints.MapGet(IdentityLinkPath, IdentityLinkAsync);
        endpoints.MapGet("/integration/connections", (ShopConnections connections) =>
            TypedResults.Ok(connections.All.Select(Describe)));
        endpoints.MapPost("/integration/connections/{consumerKey}/call", CallShopAsync);
        endpoints.MapGet("/", Home);
    }

    private static IResult ReceiveCredentials(IFormCollection form, ShopConnections connections, PendingExchanges queue)
    {
        string consumerKey = form["oauth_consumer_key"].ToString(), consumerSecret = form["oauth_consumer_secret"].ToString();
        string storeBaseUrl = form["store_base_url"].ToString(), verifier = form["oauth_verifier"].ToString();
        if (consumerKey.Length == 0 || consumerSecret.Length == 0 || verifier.Length == 0
            || !Uri.TryCreate(storeBaseUrl, UriKind.Absolute, out var store) || (store.Scheme != Uri.UriSchemeHttp && store.Scheme != Uri.UriSchemeHttps))
        {
            return TypedResults.BadRequest("Expected oauth_consumer_key, oauth_consumer_secret, store_base_url and oauth_verifier.");
        }

        var connection = new ShopConnection(consumerKey, consumerSecret, store.AbsoluteUri.EndsWith('/') ? store : new Uri(store.AbsoluteUri + "/"), verifier);
        connections.Save(connection);
        queue.Enqueue(connection);
        return TypedResults.Ok();
    }

    private static async Task<IResult> IdentityLinkAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "oauth_consumer_key")] string? consumerKey,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "success_call_back")] string? successCallBack,
        ShopConnections connections,
        CancellationToken cancellationToken)
    {
        var connection = consumerKey is null ? null : connections.Find(consumerKey);
        for (var waited = 0; connection is { State: "received" } && waited < 100; waited++)
        {
            await Task.Delay(100, cancellationToken);
            connection = connections.Find(consumerKey!);
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

    private static async Task<IResult> CallShopAsync(string consumerKey, ShopConnections connections, ShopOAuthClient client, CancellationToken cancellationToken)
    {
        var connection = connections.Find(consumerKey);
        if (connection is not { AccessToken: not null })
        {
            return TypedResults.NotFound();
        }

        var call = await client.GetAsync(connection, ExchangeWorker.FirstCall, cancellationToken);
        connections.TryUpdate(connection, connection with { LastApiCall = call });
        return TypedResults.Ok(call);
    }

    private static ContentHttpResult Home(ShopConnections connections)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme ERP</title></head><body>
            <h1>Acme ERP (a third-party sample)</h1>
            <p>Give a shop's integration the callback URL <code>/integration/callback</code> and the identity link URL
            <code>/integration/identity</code> of this site, then activate it in the shop's admin.</p>
            <table border="1" cellpadding="4"><tr><th>Shop</th><th>Consumer key</th><th>State</th><th>Last API call</th><th></th></tr>
            """);
        foreach (var connection in connections.All)
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

    private static object Describe(ShopConnection connection) => new
    {
        connection.ConsumerKey,
        connection.StoreBaseUrl,
        connection.State,
        connection.Error,
        connection.LastApiCall,
    };
}
