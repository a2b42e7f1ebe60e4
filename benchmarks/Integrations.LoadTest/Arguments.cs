using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// The command line: <c>[--store memory|sqlite|postgres|all] [--seconds N] [--warmup N] [--concurrency N] [--pg cs]
/// [--sqlite-synchronous full|normal]</c>, one of the modes <c>--replay-burst N</c>, <c>--burst N</c> (both with
/// <c>[--instances K]</c>) or <c>--cleanup-rows N [--cleanup-batch B]</c>, and, for a host process,
/// <c>--serve</c> with <see cref="HostSettings"/>.
/// </summary>
internal sealed record Arguments(string Store, int Seconds, int WarmUpSeconds, int Concurrency, string? Postgres, string SqliteSynchronous, LoadTestMode Mode, int Count, int Instances, int CleanupBatchSize, HostSettings? Serve)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var serve = false; // a host process, started by the load generator
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--serve")
            {
                serve = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        if (serve)
        {
            var host = HostSettings.Parse(values);
            return new Arguments(host.Store, 0, 0, 0, null, host.SqliteSynchronous, LoadTestMode.Table, 0, 1, 0, host);
        }

        var store = values.GetValueOrDefault("store", "all");
        if (store is not ("memory" or "sqlite" or "postgres" or "all"))
        {
            throw new ArgumentException("--store must be memory, sqlite, postgres or all.");
        }

        var synchronous = values.GetValueOrDefault("sqlite-synchronous", "full");
        if (synchronous is not ("full" or "normal"))
        {
            throw new ArgumentException("--sqlite-synchronous must be full or normal.");
        }

        var modes = new[] { ("replay-burst", LoadTestMode.ReplayBurst), ("burst", LoadTestMode.Burst), ("cleanup-rows", LoadTestMode.Cleanup) }
            .Where(m => values.ContainsKey(m.Item1)).ToList();
        if (modes.Count > 1)
        {
            throw new ArgumentException("Choose one of --replay-burst, --burst and --cleanup-rows.");
        }

        var mode = modes.Count == 0 ? LoadTestMode.Table : modes[0].Item2;
        if (mode != LoadTestMode.Table && store == "all")
        {
            throw new ArgumentException("--replay-burst, --burst and --cleanup-rows need one --store.");
        }

        if (mode == LoadTestMode.Cleanup && store != "postgres")
        {
            throw new ArgumentException("--cleanup-rows needs --store postgres.");
        }

        var instances = Bounded(values, "instances", 1, 1, 16);
        if (instances > 1 && mode is not (LoadTestMode.ReplayBurst or LoadTestMode.Burst))
        {
            throw new ArgumentException("--instances applies to --replay-burst and --burst.");
        }

        return new Arguments(
            store,
            Bounded(values, "seconds", 10, 1, 120),
            Bounded(values, "warmup", 10, 1, 60),
            Bounded(values, "concurrency", 32, 1, 512),
            NullIfEmpty(values.GetValueOrDefault("pg")) ?? Environment.GetEnvironmentVariable("TEST_PG"),
            synchronous,
            mode,
            mode == LoadTestMode.Table ? 0 : Bounded(values, modes[0].Item1, 0, 1, 100_000_000),
            instances,
            Bounded(values, "cleanup-batch", 1_000, 1, 100_000),
            null);
    }

    private static int Bounded(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        var value = values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max}.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
