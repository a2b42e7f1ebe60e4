using System.Buffers;
using System.Text;
using Integrations.Client.Diagnostics;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
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

        var (credentials, error) = Parse(body, settings);
        if (credentials is null)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, error!, context).ConfigureAwait(false);
        }

        if (!queue.TryEnqueue(credentials))
        {
            return await RefuseAsync(StatusCodes.Status503ServiceUnavailable, "Too many token exchanges are waiting; try again later.", context).ConfigureAwait(false);
        }

        logger.CredentialsReceived(credentials.ConsumerKey, credentials.StoreBaseUrl);
        await events.PublishAsync(
            new IntegrationConnectionEvent { Kind = IntegrationConnectionEventKind.Received, ConsumerKey = credentials.ConsumerKey, StoreBaseUrl = credentials.StoreBaseUrl, At = time.GetUtcNow() },
            context.RequestAborted).ConfigureAwait(false);
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

    private static (ReceivedCredentials? Credentials, string? Error) Parse(string body, IntegrationsClientOptions settings)
    {
        var fields = QueryHelpers.ParseQuery(body);
        var values = new string[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
        {
            if (!fields.TryGetValue(Fields[i], out StringValues value) || value.Count != 1 || string.IsNullOrEmpty(value))
            {
                return (null, $"The credentials POST must carry {Fields[i]} once (expected: {string.Join(", ", Fields)}).");
            }

            values[i] = value.ToString();
            if (i != 2 && !IsCredential(values[i]))
            {
                return (null, $"{Fields[i]} must be 1 to 128 letters and digits.");
            }
        }

        if (!Uri.TryCreate(values[2], UriKind.Absolute, out var url) || !StoreBaseUrl.IsWebUrl(url) || values[2].Length > 2048)
        {
            return (null, "store_base_url must be an absolute http or https URL.");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !settings.AllowInsecureStoreUrls)
        {
            return (null, "store_base_url must be https (set AllowInsecureStoreUrls for development).");
        }

        var storeBaseUrl = StoreBaseUrl.Normalize(url);
        if (!StoreBaseUrl.IsAllowed(storeBaseUrl, settings))
        {
            return (null, $"The shop {storeBaseUrl} is not one this application expects credentials from.");
        }

        return (new ReceivedCredentials(values[0], values[1], storeBaseUrl, values[3]), null);
    }

    private static bool IsCredential(string value) => value.Length <= 128 && !value.AsSpan().ContainsAnyExcept(CredentialCharacters);

    private async Task<IResult> RefuseAsync(int statusCode, string reason, HttpContext context)
    {
        logger.CredentialsRefused(reason);
        await events.PublishAsync(
            new IntegrationConnectionEvent { Kind = IntegrationConnectionEventKind.Failed, Reason = reason, At = time.GetUtcNow() },
            context.RequestAborted).ConfigureAwait(false);
        return Results.Text(reason, "text/plain; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
