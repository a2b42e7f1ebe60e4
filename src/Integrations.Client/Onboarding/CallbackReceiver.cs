using System.Buffers;
using System.Text;
using Integrations.Client.Connections;
using Integrations.Client.Diagnostics;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Integrations.Client.Onboarding;

/// <summary>
/// Receives a shop's credentials POST (Magento's four form fields), checks it, queues its token exchange and answers
/// 200 at once (the shop waits at most a few seconds). A POST that is too large, not a form, lacks or repeats a field,
/// or names a shop that is not expected, is answered 4xx with the reason and reported as a failed connection.
/// </summary>
internal sealed class CallbackReceiver(
    TokenExchangeQueue queue,
    ConnectionEventPublisher events,
    TimeProvider time,
    IOptions<IntegrationsClientOptions> options,
    ILogger<CallbackReceiver> logger)
{
    private static readonly System.Buffers.SearchValues<char> CredentialCharacters = System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly string[] Fields = ["oauth_consumer_key", "oauth_consumer_secret", "store_base_url", "oauth_verifier"];

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        var settings = options.Value;
        if (!OAuthWireRequest.IsFormContentType(request.ContentType))
        {
            return await RefuseAsync(StatusCodes.Status415UnsupportedMediaType, "The credentials POST must be application/x-www-form-urlencoded.", context).ConfigureAwait(false);
        }

        if (request.ContentLength > settings.MaxCallbackBodyBytes)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, $"The credentials POST is larger than {settings.MaxCallbackBodyBytes} bytes.", context).ConfigureAwait(false);
        }

        var body = await ReadBodyAsync(request, settings.MaxCallbackBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, $"The credentials POST is larger than {settings.MaxCallbackBodyBytes} bytes.", context).ConfigureAwait(false);
        }

        var (credentials, error, consumerKey, storeBaseUrl) = Parse(body, settings);
        if (credentials is null)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, error!, context, consumerKey, storeBaseUrl).ConfigureAwait(false);
        }

        if (await context.RequestServices.GetRequiredService<IIntegrationConnectionStore>().FindAsync(credentials.ConsumerKey, context.RequestAborted).ConfigureAwait(false) is { } connected
            && connected.StoreBaseUrl != credentials.StoreBaseUrl)
        {
            // a consumer key is the shop's that issued it (the exchange refuses it too, should two posts cross)
            return await RefuseAsync(StatusCodes.Status409Conflict, "The consumer key is connected to another shop.", context, credentials.ConsumerKey, credentials.StoreBaseUrl).ConfigureAwait(false);
        }

        // told before the exchange is queued: its outcome (from the worker) always follows this event
        logger.CredentialsReceived(credentials.ConsumerKey, credentials.StoreBaseUrl);
        try
        {
            await events.PublishAsync(
                new IntegrationConnectionEvent { Kind = IntegrationConnectionEventKind.Received, ConsumerKey = credentials.ConsumerKey, StoreBaseUrl = credentials.StoreBaseUrl, At = time.GetUtcNow() },
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the shop hung up before it was answered (it takes its POST as failed): no exchange runs, and the
            // observers already told Received hear that it failed (told without the request's token, which is spent)
            const string HungUp = "The shop closed the connection before the credentials POST was answered; no token exchange was run.";
            logger.CredentialsRefused(HungUp);
            await events.PublishAsync(
                new IntegrationConnectionEvent { Kind = IntegrationConnectionEventKind.Failed, ConsumerKey = credentials.ConsumerKey, StoreBaseUrl = credentials.StoreBaseUrl, Reason = HungUp, At = time.GetUtcNow() },
                CancellationToken.None).ConfigureAwait(false);
            return Results.Empty;
        }

        if (!queue.TryEnqueue(credentials))
        {
            // the observers were told Received: the failure is told to every one of them even if the shop hangs up meanwhile
            return await RefuseAsync(StatusCodes.Status503ServiceUnavailable, "Too many token exchanges are waiting; try again later.", context, credentials.ConsumerKey, credentials.StoreBaseUrl, receivedTold: true).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    /// <summary>Reads the body, or returns <see langword="null"/> when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>The credentials, or the reason they are refused with the consumer key and shop URL the POST carried validly (for the failed event).</summary>
    private static (ReceivedCredentials? Credentials, string? Error, string? ConsumerKey, Uri? StoreBaseUrl) Parse(string body, IntegrationsClientOptions settings)
    {
        var fields = QueryHelpers.ParseQuery(body);
        var values = new string[Fields.Length];
        string? consumerKey = null;
        for (var i = 0; i < Fields.Length; i++)
        {
            if (!fields.TryGetValue(Fields[i], out StringValues value) || value.Count != 1 || string.IsNullOrEmpty(value))
            {
                return (null, $"The credentials POST must carry {Fields[i]} once (expected: {string.Join(", ", Fields)}).", consumerKey, null);
            }

            values[i] = value.ToString();
            if (i != 2 && !IsCredential(values[i]))
            {
                return (null, $"{Fields[i]} must be 1 to 128 letters and digits.", consumerKey, null);
            }

            if (i == 0)
            {
                consumerKey = values[0];
            }
        }

        // the URL is named in log lines and in the reason: a control character or a line or paragraph separator in it
        // (kept raw by Uri.ToString(), in the host even by AbsoluteUri) would let the poster start a forged log line
        if (!IsOneLine(values[2]) || !Uri.TryCreate(values[2], UriKind.Absolute, out var url) || !StoreBaseUrl.IsWebUrl(url) || values[2].Length > 2048
            || !IsOneLine(url.ToString()))
        {
            return (null, "store_base_url must be an absolute http or https URL.", consumerKey, null);
        }

        var storeBaseUrl = StoreBaseUrl.Normalize(url);
        if (storeBaseUrl.AbsoluteUri.Length > 2048)
        {
            // measured as the connection stores keep it (escaped: a non-ASCII character takes up to 9), which is what must fit
            return (null, "store_base_url must be at most 2048 characters once escaped.", consumerKey, null);
        }

        if (url.Scheme != Uri.UriSchemeHttps && !settings.AllowInsecureStoreUrls)
        {
            return (null, "store_base_url must be https (set AllowInsecureStoreUrls for development).", consumerKey, storeBaseUrl);
        }

        if (!StoreBaseUrl.IsAllowed(storeBaseUrl, settings))
        {
            return (null, $"The shop {storeBaseUrl} is not one this application expects credentials from.", consumerKey, storeBaseUrl);
        }

        return (new ReceivedCredentials(values[0], values[1], storeBaseUrl, values[3]), null, consumerKey, storeBaseUrl);
    }

    private static bool IsOneLine(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCredential(string value) => value.Length <= 128 && !value.AsSpan().ContainsAnyExcept(CredentialCharacters);

    private async Task<IResult> RefuseAsync(int statusCode, string reason, HttpContext context, string? consumerKey = null, Uri? storeBaseUrl = null, bool receivedTold = false)
    {
        logger.CredentialsRefused(reason);
        await events.PublishAsync(
            new IntegrationConnectionEvent { Kind = IntegrationConnectionEventKind.Failed, ConsumerKey = consumerKey, StoreBaseUrl = storeBaseUrl, Reason = reason, At = time.GetUtcNow() },
            receivedTold ? CancellationToken.None : context.RequestAborted).ConfigureAwait(false);
        return Results.Text(reason, "text/plain; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
