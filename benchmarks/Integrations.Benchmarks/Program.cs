using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The generated project is built by BenchmarkDotNet first; on a busy 2-core machine that takes longer than its default 2 minutes.
BenchmarkSwitcher.FromAssembly(typeof(Integrations.Benchmarks.OAuthValidationBenchmarks).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
