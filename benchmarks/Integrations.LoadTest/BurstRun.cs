using System.Globalization;
using Integrations.OAuth;

namespace Integrations.LoadTest;

/// <summary>
/// <c>--replay-burst N</c>: N concurrent copies of one signed request (same nonce, timestamp and signature) over K hosts
/// on one database; exactly one should be accepted. <c>--burst N</c>: N concurrent distinct signed requests; all
/// should be accepted. Each prints one <c>summary</c> line.
/// </summary>
internal static class BurstRun
{
    public static async Task<int> RunAsync(Arguments options)
    {
        await using var group = await HostGroup.StartAsync(options.Store, options, options.Instances);
        using var sender = new BurstSender(group.Hosts.Select(h => h.Info.Address));
        var signer = new OAuthSigner();
        var wire = new OAuthWireRequest { Method = "GET", Url = BurstSender.SignedUrl };
        var credentials = group.Credentials.ToClientCredentials();
        string Sign() => signer.CreateAuthorizationHeader(wire, credentials);

        // Warm-up: the connections the burst will use, and a few signed requests per host so the signed path is compiled.
        await sender.OpenConnectionsAsync(options.Count);
        await sender.SendAsync(Enumerable.Range(0, 8 * options.Instances).Select(_ => Sign()).ToList());

        var replay = options.Mode == LoadTestMode.ReplayBurst;
        var one = Sign();
        var authorizations = Enumerable.Range(0, options.Count).Select(_ => replay ? one : Sign()).ToList();
        var outcome = await sender.SendAsync(authorizations);
        Console.Error.WriteLine("answers: " + outcome.Describe());
        var store = options.Store;
        if (replay)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"summary replay_burst store={store} requests={outcome.Requests} accepted={outcome.Ok} refused={outcome.Unauthorized + outcome.Other} server_errors={outcome.ServerErrors}"));
            if (outcome.Other > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: refused includes {outcome.Other} answers other than 401 ({outcome.Describe()})"));
            }

            return outcome.Ok == 1 && outcome.Unauthorized == outcome.Requests - 1 ? 0 : 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary burst store={store} requests={outcome.Requests} ok={outcome.Ok} server_errors={outcome.ServerErrors}"));
        if (outcome.Unauthorized + outcome.Other > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: {outcome.Unauthorized + outcome.Other} answers were neither 200 nor server errors ({outcome.Describe()})"));
        }

        return outcome.Ok == outcome.Requests ? 0 : 1;
    }
}
