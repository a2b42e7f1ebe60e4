using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>The command line: <c>[--store memory|sqlite|postgres|all] [--seconds N] [--warmup N] [--concurrency N] [--pg cs] [--sqlite-synchronous full|normal] [--serve]</c>.</summary>
internal sealed record Arguments(string Store, int Seconds, int WarmUpSeconds, int Concurrency, string? Postgres, string SqliteSynchronous, bool Serve)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var serve = false;
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

        return new Arguments(
            store,
            Bounded(values, "seconds", 10, 1, 120),
            Bounded(values, "warmup", 10, 1, 60),
            Bounded(values, "concurrency", 32, 1, 512),
            NullIfEmpty(values.GetValueOrDefault("pg")) ?? Environment.GetEnvironmentVariable("TEST_PG"),
            synchronous,
            serve);
    }

    private static int Bounded(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        var value = values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max}.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
