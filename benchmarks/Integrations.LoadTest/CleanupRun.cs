using System.Diagnostics;
using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// <c>--cleanup-rows N</c> (PostgreSQL): seeds N expired nonces, measures signed requests per second on a host whose
/// nonce cleanup is idle (its run at start-up found an empty table; the next is a day later) for half the time, then starts a second
/// host on the same database with the cleanup every second and, once its first batch is gone (its start-up and the
/// compilation of the delete are not measured), measures the first host again while the second deletes. Prints one
/// <c>summary cleanup</c> line; <c>removed</c> is how many seeded nonces the cleanup removed during that measurement.
/// The other half of the measurement without cleanup follows once the second host has stopped.
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
        var without = await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration / 2);
        var cleaner = await group.AddHostAsync(intervalSeconds: 1, options.CleanupBatchSize);
        await WaitForFirstBatchAsync(seeder, options.Count); // the new host's first run compiles the delete: not measured
        var removedBefore = await seeder.RemovedAsync(options.Count);
        var during = await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration);
        var removed = await seeder.RemovedAsync(options.Count) - removedBefore;
        await group.StopHostAsync(cleaner);

        // The other half of "without" after "during": the first measurements after the seeding run on colder caches.
        without += await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration / 2);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary cleanup store=postgres rows={options.Count} batch={options.CleanupBatchSize} signed_rps_without={without.RequestsPerSecond:F0} "
            + $"signed_rps_during={during.RequestsPerSecond:F0} ratio={during.RequestsPerSecond / without.RequestsPerSecond:F2} removed={removed} "
            + $"non200={without.Failed + during.Failed}"));
        return without.Failed + during.Failed == 0 ? 0 : 1;
    }

    private static async Task WaitForFirstBatchAsync(NonceSeeder seeder, int rows)
    {
        var clock = Stopwatch.StartNew();
        while (await seeder.RemovedAsync(rows) == 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The cleanup host removed no nonce within 2 minutes.");
            }

            await Task.Delay(TimeSpan.FromSeconds(0.5), Interruption.Token);
        }
    }
}
