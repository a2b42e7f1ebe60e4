using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// <c>--cleanup-rows N</c> (PostgreSQL): seeds N expired nonces, measures signed requests per second on a host whose
/// nonce cleanup is idle (its run at start-up found an empty table; the next is a day later), then starts a second
/// host on the same database with the cleanup every second and measures the first host again while the second
/// deletes. Prints one <c>summary cleanup</c> line; <c>removed</c> is how many seeded nonces were gone when the
/// second host stopped, right after the measurement.
/// </summary>
internal static class CleanupRun
{
    private const int Day = 86_400;

    public static async Task<int> RunAsync(Arguments options)
    {
        await using var group = await HostGroup.StartAsync(options.Store, options, instances: 1, cleanupIntervalSeconds: Day);
        var host = group.Hosts[0];
        var seeder = new NonceSeeder(group.Location);
        await seeder.SeedAsync(group.Credentials.ConsumerKey, options.Count);

        var generator = new LoadGenerator(host.Info.Address, group.Credentials, options.Concurrency, new CpuMeter(host.Process, group.PostgresDatabase));
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, TimeSpan.FromSeconds(options.WarmUpSeconds));
        var without = await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration);
        var cleaner = await group.AddHostAsync(intervalSeconds: 1, options.CleanupBatchSize);
        var during = await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration);
        await group.StopHostAsync(cleaner);
        var removed = options.Count - await seeder.CountLeftAsync();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary cleanup store=postgres rows={options.Count} batch={options.CleanupBatchSize} signed_rps_without={without.RequestsPerSecond:F0} "
            + $"signed_rps_during={during.RequestsPerSecond:F0} ratio={during.RequestsPerSecond / without.RequestsPerSecond:F2} removed={removed} "
            + $"non200={without.Failed + during.Failed}"));
        return without.Failed + during.Failed == 0 ? 0 : 1;
    }
}
