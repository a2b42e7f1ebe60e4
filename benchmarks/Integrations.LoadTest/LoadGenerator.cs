using System.Diagnostics;
using System.Net;
using Integrations.Client.Signing;
using Integrations.OAuth;

namespace Integrations.LoadTest;

/// <summary>
/// Sends GET requests from <c>concurrency</c> workers for a fixed time and counts the answers. In signed mode every
/// request carries a fresh <c>Authorization: OAuth …</c> header (new nonce and timestamp) set by the client package's
/// signing handler, as a third-party app sends it.
/// Each measurement also reads how much processor time the host and its database used. A request that fails to
/// connect or is not answered 200 counts as failed.
/// </summary>
internal sealed class LoadGenerator(string address, SigningCredentials signing, int concurrency, CpuMeter meter)
{
    public async Task<LoadResult> RunAsync(string path, bool signed, TimeSpan duration)
    {
        var sockets = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        HttpMessageHandler handler = signed
            ? new OAuthSigningHandler("load", PerRequestCredentialsProvider.Instance, new OAuthSigner(), new OAuthSigningOptions { ThrowOnRejection = false }) { InnerHandler = sockets }
            : sockets;
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        var url = new Uri(client.BaseAddress!, path).AbsoluteUri;
        var credentials = signing.ToClientCredentials();
        long ok = 0, failed = 0;
        var cpu = meter.Read();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !Interruption.Token.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (signed)
                {
                    request.SignedWith(credentials);
                }

                if (await BurstSender.SendAsync(client, request, Interruption.Token) == HttpStatusCode.OK)
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
        Interruption.Token.ThrowIfCancellationRequested();
        var elapsed = clock.Elapsed;
        return new LoadResult(ok, failed, elapsed, meter.Read() - cpu);
    }
}

/// <summary>What one measurement counted, and the processor time the host and its database used meanwhile.</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, CpuSample Cpu = default)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Host processor time per answered request, in microseconds.</summary>
    public double HostMicrosecondsPerRequest => Cpu.Host.TotalMicroseconds / Succeeded;

    /// <summary>Database backends' processor time per answered request, in microseconds.</summary>
    public double DatabaseMicrosecondsPerRequest => Cpu.Database.TotalMicroseconds / Succeeded;

    public static LoadResult operator +(LoadResult left, LoadResult right) =>
        new(left.Succeeded + right.Succeeded, left.Failed + right.Failed, left.Elapsed + right.Elapsed, left.Cpu + right.Cpu);
}
