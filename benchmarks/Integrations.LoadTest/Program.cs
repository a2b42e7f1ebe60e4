using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Integrations.LoadTest;

// Usage:
//   dotnet run -c Release --project benchmarks/Integrations.LoadTest -- [--store memory|sqlite|postgres|all] [--seconds 10] [--concurrency 32] [--pg "<connection string>"] [--sqlite-synchronous full|normal]
// For PostgreSQL: export TEST_PG="$(bash eng/start-postgres.sh)" (or pass --pg). Each store's host runs as its own
// process on 127.0.0.1; this process is the load generator.
var options = Arguments.Parse(args);
if (options.Serve)
{
    return await LoadTestHost.RunAsync(options.Store, options.Postgres, options.SqliteSynchronous);
}

const int rounds = 3; // each measurement alternates in this many rounds
var stores = options.Store == "all" ? new[] { "memory", "sqlite", "postgres" } : [options.Store];
Console.WriteLine($"{options.Concurrency} concurrent clients, {options.Seconds} s per measurement after a {options.WarmUpSeconds} s warm-up, GET {LoadTestHost.GuardedPath}");
Console.WriteLine();
Console.WriteLine("| store | unauthenticated req/s | OAuth-signed req/s | signed / unauthenticated | host CPU µs / unauthenticated req | host CPU µs / signed req | PostgreSQL CPU µs / signed req |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var store in stores)
{
    if (store == "postgres" && string.IsNullOrEmpty(options.Postgres))
    {
        Console.Error.WriteLine("PostgreSQL needs a connection string: export TEST_PG=\"$(bash eng/start-postgres.sh)\" or pass --pg.");
        return 2;
    }

    using var host = StartHost(store, options);
    var info = JsonSerializer.Deserialize<HostInfo>(await host.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The host exited before it listened."))!;
    var generator = new LoadGenerator(info, options.Concurrency, new CpuMeter(host, info.Database));
    var duration = TimeSpan.FromSeconds(options.Seconds);
    await generator.RunAsync(LoadTestHost.OpenPath, signed: false, TimeSpan.FromSeconds(options.WarmUpSeconds));
    await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, TimeSpan.FromSeconds(options.WarmUpSeconds));
    // Alternate the two measurements so that a change of load on the machine affects both alike.
    var open = new LoadResult(0, 0, TimeSpan.Zero);
    var guarded = new LoadResult(0, 0, TimeSpan.Zero);
    for (var round = 0; round < rounds; round++)
    {
        open += await generator.RunAsync(LoadTestHost.OpenPath, signed: false, duration / rounds);
        guarded += await generator.RunAsync(LoadTestHost.GuardedPath, signed: true, duration / rounds);
    }

    host.StandardInput.Close();
    await host.WaitForExitAsync();
    if (open.Failed + guarded.Failed > 0)
    {
        Console.Error.WriteLine($"{store}: {open.Failed} unauthenticated and {guarded.Failed} signed requests were not answered 200.");
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {store} | {open.RequestsPerSecond:F0} | {guarded.RequestsPerSecond:F0} | {guarded.RequestsPerSecond / open.RequestsPerSecond:F2} "
        + $"| {open.HostMicrosecondsPerRequest:F0} | {guarded.HostMicrosecondsPerRequest:F0} | {(info.Database is null ? "-" : guarded.DatabaseMicrosecondsPerRequest.ToString("F0", CultureInfo.InvariantCulture))} |"));
}

return 0;

static Process StartHost(string store, Arguments options)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
    {
        start.ArgumentList.Add(typeof(LoadTestHost).Assembly.Location);
    }

    foreach (var argument in new[] { "--serve", "--store", store, "--pg", options.Postgres ?? "", "--sqlite-synchronous", options.SqliteSynchronous })
    {
        start.ArgumentList.Add(argument);
    }

    return Process.Start(start)!;
}
