using Integrations.LoadTest;

// Usage (see README.md):
//   dotnet run -c Release --project benchmarks/Integrations.LoadTest -- [--store memory|sqlite|postgres|all] [--seconds 10] [--warmup 10] [--concurrency 32] [--pg "<connection string>"] [--sqlite-synchronous full|normal]
//   ... -- --store postgres|sqlite|memory --replay-burst N [--instances K]
//   ... -- --store postgres|sqlite|memory --burst N [--instances K]
//   ... -- --store postgres --cleanup-rows N [--cleanup-batch B]
// For PostgreSQL: export TEST_PG="$(bash eng/start-postgres.sh)" (or pass --pg). The hosts run as their own
// processes on 127.0.0.1, all on one database per run; this process is the load generator.
Arguments options;
try
{
    options = Arguments.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine("error: " + exception.Message);
    return 2;
}

if (options.Serve is not null)
{
    return await LoadTestHost.RunAsync(options.Serve);
}

var stores = options.Store == "all" ? new[] { "memory", "sqlite", "postgres" } : [options.Store];
if (stores.Contains("postgres") && string.IsNullOrEmpty(options.Postgres))
{
    Console.Error.WriteLine("PostgreSQL needs a connection string: export TEST_PG=\"$(bash eng/start-postgres.sh)\" or pass --pg.");
    return 2;
}

using var signals = Interruption.Register();

// A failure (a host that does not start or exits, a database out of reach) ends the run with one clear line and
// exit code 1; the hosts and the database have been cleaned up by then.
try
{
    switch (options.Mode)
    {
        case LoadTestMode.ReplayBurst or LoadTestMode.Burst:
            return await BurstRun.RunAsync(options);
        case LoadTestMode.Cleanup:
            return await CleanupRun.RunAsync(options);
    }

    ThroughputRun.WriteHeader(options);
    var allOk = true;
    foreach (var store in stores)
    {
        allOk &= await ThroughputRun.RunAsync(store, options);
    }

    return allOk ? 0 : 1;
}
catch (OperationCanceledException) when (Interruption.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted: the hosts have stopped and the database is deleted");
    return 130;
}
catch (Exception exception) when (exception is not OutOfMemoryException)
{
    Console.Error.WriteLine("error: the load test failed: " + Messages(exception));
    return 1;
}

// The messages of an exception and its inner exceptions ("An exception has been raised that is likely due to a
// transient failure." says little without "Failed to connect to 127.0.0.1:5499").
static string Messages(Exception exception) =>
    exception.InnerException is { } inner ? exception.Message + " <- " + Messages(inner) : exception.Message;
