using BenchmarkDotNet.Running;
using Integrations.Storage.Benchmarks;

// `-- --drop-databases` removes the benchmark databases (10 million rows each); anything else goes to BenchmarkDotNet.
if (args is ["--drop-databases"])
{
    foreach (var provider in new[] { "SQLite", "PostgreSQL" })
    {
        foreach (var size in new[] { 1_000, 10_000_000 })
        {
            await BenchDatabase.DropAsync(provider, size);
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PerRequestBenchmarks).Assembly).Run(args);
