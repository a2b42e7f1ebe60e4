using System.Net;

namespace Integrations.LoadTest;

/// <summary>
/// Sends a burst of pre-built requests at once, request <c>i</c> to host <c>i mod K</c>, each host through its own
/// connection pool with no connection limit. Every request names the same public host (<see cref="PublicHost"/>), as
/// behind a load balancer, so one signature is valid on every host.
/// </summary>
internal sealed class BurstSender : IDisposable
{
    /// <summary>The host name every request carries and every signature covers.</summary>
    public const string PublicHost = "shop.loadtest";

    private readonly HttpClient[] _clients;

    public BurstSender(IEnumerable<string> addresses) =>
        _clients = addresses.Select(a => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = new Uri(a), Timeout = TimeSpan.FromMinutes(5) }).ToArray();

    /// <summary>The URL that signatures cover: the guarded path on <see cref="PublicHost"/>.</summary>
    public static string SignedUrl => "http://" + PublicHost + LoadTestHost.GuardedPath;

    /// <summary>
    /// Opens about <paramref name="count"/> connections, spread over the hosts, by sending as many concurrent
    /// unauthenticated requests, so that the burst itself does not wait for connection set-up.
    /// </summary>
    public Task<BurstOutcome> OpenConnectionsAsync(int count) => SendAsync(Enumerable.Repeat<string?>(null, count).ToList(), LoadTestHost.OpenPath);

    /// <summary>Sends one request per authorization header (<see langword="null"/>: none), all at once, and counts the answers.</summary>
    public async Task<BurstOutcome> SendAsync(IReadOnlyList<string?> authorizations, string path = LoadTestHost.GuardedPath)
    {
        var requests = authorizations.Select((authorization, i) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_clients[i % _clients.Length].BaseAddress!, path));
            request.Headers.Host = PublicHost;
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return request;
        }).ToList();
        var sends = requests.Select((request, i) => SendAsync(_clients[i % _clients.Length], request, Interruption.Token)).ToList();
        var outcome = new BurstOutcome(await Task.WhenAll(sends));
        requests.ForEach(r => r.Dispose());
        Interruption.Token.ThrowIfCancellationRequested(); // the canceled requests counted as unanswered
        return outcome;
    }

    /// <summary>Sends one request and reads the whole answer; <see langword="null"/> when no answer came (connection failure, timeout, <paramref name="cancellationToken"/>).</summary>
    public static async Task<HttpStatusCode?> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
