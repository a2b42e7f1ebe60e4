using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// The default mode: for each store, one host; after a warm-up, unauthenticated and signed rounds alternate three
/// times. Prints the store's markdown table row, then its <c>summary</c> line. PostgreSQL's transactions and
/// statements are counted over the signed rounds only.
/// </summary>
internal static class ThroughputRun
{
    private const int Rounds = 3; // each measurement alternates in this many rounds

    public static void WriteHeader(Arguments options)
    {
        Console.WriteLine($"{options.Concurrency} concurrent clients, {options.Seconds} s per measurement after a {options.WarmUpSeconds} s warm-up, GET {LoadTestHost.GuardedPath}");
        Console.WriteLine();
        Console.WriteLine("| store | unauthenticated req/s | OAuth-signed req/s | signed / unauthenticated | host CPU µs / unauthenticated req | host CPU µs / signed req | PostgreSQL CPU µs / signed req |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    }

    /// <summary>
    /// Measures one store; <see langword="false"/> when some answer was not 200. The lines are printed before the
    /// host stops and the database is deleted, so that a failure there cannot lose a finished measurement.
    /// </summary>
    public static async Task<bool> RunAsync(string store, Arguments options)
    {
        await using var group = await HostGroup.StartAsync(store, options, instances: 1);
        var database = group.PostgresDatabase;
        var counters = database is null ? null : new PostgresCounters(options.Postgres!, database);
        ServerCounts? counted = counters is null ? null : new ServerCounts(0, 0); // PostgreSQL only
        var generator = new LoadGenerator(group.Hosts[0].Info.Address, group.Credentials, options.Concurrency, new CpuMeter(group.Hosts[0].Process, database));
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await generator.RunAsync(LoadTestHost.OpenPath, signed: false, TimeSpan.FromSeconds(options.WarmUpSeconds));
        await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, TimeSpan.FromSeconds(options.WarmUpSeconds));

        // Alternate the two measurements so that a change of load on the machine affects both alike.
        var open = new LoadResult(0, 0, TimeSpan.Zero);
        var signed = new LoadResult(0, 0, TimeSpan.Zero);
        for (var round = 0; round < Rounds; round++)
        {
            open += await generator.RunAsync(LoadTestHost.OpenPath, signed: false, duration / Rounds);
            var before = counters is null ? (ServerCounts?)null : await counters.ReadAsync();
            signed += await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration / Rounds);
            if (counters is not null)
            {
                counted += await counters.ReadAsync() - before!.Value;
            }
        }

        var ratio = signed.RequestsPerSecond / open.RequestsPerSecond;
        var databaseCpu = counted is null ? "-" : Number(signed.DatabaseMicrosecondsPerRequest, "F0");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {store} | {open.RequestsPerSecond:F0} | {signed.RequestsPerSecond:F0} | {ratio:F2} "
            + $"| {open.HostMicrosecondsPerRequest:F0} | {signed.HostMicrosecondsPerRequest:F0} | {databaseCpu} |"));
        var requests = signed.Succeeded + signed.Failed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary store={store} unauthenticated_rps={open.RequestsPerSecond:F0} signed_rps={signed.RequestsPerSecond:F0} ratio={ratio:F2} "
            + $"host_cpu_us_unauthenticated={open.HostMicrosecondsPerRequest:F0} host_cpu_us_signed={signed.HostMicrosecondsPerRequest:F0} "
            + $"db_cpu_us_signed={databaseCpu} db_xacts_per_signed={PerRequest(counted?.Transactions, requests)} "
            + $"db_statements_per_signed={PerRequest(counted?.Statements, requests)} non200={open.Failed + signed.Failed}"));
        return open.Failed + signed.Failed == 0;
    }

    private static string PerRequest(long? count, long requests) => count is null || requests == 0 ? "-" : Number((double)count.Value / requests, "F2");

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
