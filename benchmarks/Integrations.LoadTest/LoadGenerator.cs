using System.Diagnostics;
using System.Net;
using Integrations.OAuth;

namespace Integrations.LoadTest;

/// <summary>
/// Sends GET requests from <c>concurrency</c> workers for a fixed time and counts the answers. In signed mode every
/// request carries a fresh <c>Authorization: OAuth …</c> header (new nonce and timestamp) made by Core's signer.
/// </summary>
internal sealed class LoadGenerator(HostInfo host, int concurrency)
{
    private readonly OAuthSigner _signer = new();

    public async Task<LoadResult> RunAsync(string path, bool signed, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(host.Address) };
        var url = new Uri(client.BaseAddress!, path).AbsoluteUri;
        var credentials = new OAuthClientCredentials
        {
            ConsumerKey = host.ConsumerKey,
            ConsumerSecret = host.ConsumerSecret,
            Token = host.AccessToken,
            TokenSecret = host.AccessTokenSecret,
            SignatureMethod = OAuthSignatureMethod.HmacSha256,
        };
        var wire = new OAuthWireRequest { Method = "GET", Url = url };
        long ok = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (signed)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", _signer.CreateAuthorizationHeader(wire, credentials));
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await Task.WhenAll(workers);
        return new LoadResult(ok, failed, clock.Elapsed);
    }
}

/// <summary>What one measurement counted.</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    public static LoadResult operator +(LoadResult left, LoadResult right) =>
        new(left.Succeeded + right.Succeeded, left.Failed + right.Failed, left.Elapsed + right.Elapsed);
}
