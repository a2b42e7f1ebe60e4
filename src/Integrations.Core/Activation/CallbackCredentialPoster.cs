using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using Integrations.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>
/// Posts an integration's credentials to its callback URL, exactly as Magento does: a form-encoded POST with the
/// four fields <c>oauth_consumer_key</c>, <c>oauth_consumer_secret</c>, <c>store_base_url</c> and
/// <c>oauth_verifier</c>, through <see cref="IHttpClientFactory"/> (client <see cref="HttpClientName"/>, no
/// redirects), within <see cref="ActivationOptions.CallbackTimeout"/>. Unlike Magento it requires https (unless
/// the host opts out) and a 2xx answer, and reports the real reason of a failure.
/// </summary>
internal sealed class CallbackCredentialPoster
{
    /// <summary>The name of the <see cref="HttpClient"/> the credentials are posted with.</summary>
    public const string HttpClientName = ActivationOptions.CallbackHttpClientName;

    /// <summary>The <see cref="IntegrationsMetrics.OutcomeTag"/> value of each failure.</summary>
    private static readonly FrozenDictionary<CallbackFailure, string> FailureNames = IntegrationsMetrics.SnakeCaseNames<CallbackFailure>();

    private readonly IHttpClientFactory _clients;
    private readonly IOptions<ActivationOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationsMetrics _metrics;
    private readonly ILogger<CallbackCredentialPoster> _logger;

    /// <summary>Creates the poster.</summary>
    /// <param name="clients">Creates the <see cref="HttpClientName"/> client.</param>
    /// <param name="options">The activation settings.</param>
    /// <param name="time">The clock that runs the timeout.</param>
    /// <param name="metrics">Counts the posts and their outcomes.</param>
    /// <param name="logger">The logger.</param>
    public CallbackCredentialPoster(IHttpClientFactory clients, IOptions<ActivationOptions> options, TimeProvider time, IntegrationsMetrics metrics, ILogger<CallbackCredentialPoster> logger)
    {
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Posts the credentials and returns when the callback URL accepted them with a 2xx answer.</summary>
    /// <param name="callbackUrl">The integration's callback URL.</param>
    /// <param name="credentials">The four values to post.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when the callback URL accepted the credentials.</returns>
    /// <exception cref="CallbackPostException">The URL is not https, the store base URL is not configured, or the POST failed, timed out or was answered with a non-2xx status.</exception>
    public async Task PostAsync(Uri callbackUrl, CallbackCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var storeBaseUrl = EnsurePostable(callbackUrl);
        var options = _options.Value;
        var shown = Show(callbackUrl);
        using var content = new FormUrlEncodedContent(
        [
            new("oauth_consumer_key", credentials.ConsumerKey),
            new("oauth_consumer_secret", credentials.ConsumerSecret),
            new("store_base_url", storeBaseUrl.AbsoluteUri),
            new("oauth_verifier", credentials.Verifier),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = content };
        using var timeout = new CancellationTokenSource(options.CallbackTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var client = _clients.CreateClient(HttpClientName);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // our timeout, or the named client's own HttpClient.Timeout when the host set it shorter
            var within = timeout.IsCancellationRequested ? Seconds(options.CallbackTimeout) : "the HTTP client's timeout";
            throw Fail(new CallbackPostException(
                CallbackFailure.Timeout,
                $"The attempt to post data to consumer failed: {shown} did not answer within {within}.",
                innerException: exception));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordCallbackPost("canceled");
            throw;
        }
        catch (HttpRequestException exception)
        {
            throw Fail(new CallbackPostException(
                CallbackFailure.Transport,
                $"The attempt to post data to consumer failed: {shown} could not be reached ({Describe(exception)}).",
                innerException: exception));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                var redirect = status is >= 300 and < 400 ? "; redirects are not followed" : string.Empty;
                throw Fail(new CallbackPostException(
                    CallbackFailure.Status,
                    $"The attempt to post data to consumer failed: {shown} answered {status} ({(response.ReasonPhrase is { } phrase ? LogText.Escape(phrase) : response.StatusCode.ToString())}){redirect}.",
                    status));
            }
        }

        _metrics.RecordCallbackPost("delivered");
        _logger.CredentialsPosted(shown);
    }

    /// <summary>Checks, before anything changes, that credentials may be posted to <paramref name="callbackUrl"/>.</summary>
    /// <returns>The store base URL to post.</returns>
    internal Uri EnsurePostable(Uri callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var options = _options.Value;
        if (callbackUrl.Scheme != Uri.UriSchemeHttps && !options.AllowInsecureCallbackUrls)
        {
            throw Fail(new CallbackPostException(
                CallbackFailure.InsecureUrl,
                $"The credentials were not posted: the callback URL {Show(callbackUrl)} is not https, and this store only posts credentials over https."));
        }

        return options.StoreBaseUrl ?? throw Fail(new CallbackPostException(
            CallbackFailure.StoreBaseUrlMissing,
            "The credentials were not posted: the store base URL is not configured (ActivationOptions.StoreBaseUrl)."));
    }

    private CallbackPostException Fail(CallbackPostException exception)
    {
        _metrics.RecordCallbackPost(FailureNames[exception.Failure]);
        _logger.CallbackPostFailed(exception.Failure, exception.Message);
        return exception;
    }

    /// <summary>The URL as shown to the admin and in logs: without its query, which may carry the third party's own secrets, nor user info.</summary>
    private static string Show(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>How many characters of a transport error's message are kept.</summary>
    private const int MaxDescribedLength = 512;

    private static string Seconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds");

    private static string Describe(HttpRequestException exception)
    {
        var what = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name could not be resolved",
            HttpRequestError.ConnectionError => "the connection failed",
            HttpRequestError.SecureConnectionError => "the TLS connection could not be established",
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
            _ => "the request failed",
        };
        // a proxy's URL in it may carry its password; and .NET quotes the third party's invalid answer in it as received
        // ("Received an invalid header line: '...'"), control characters included: escaped like its reason phrase
        return $"{what}: {LogText.Escape(LogText.WithoutUserInfo(exception.GetBaseException().Message), MaxDescribedLength)}";
    }
}
