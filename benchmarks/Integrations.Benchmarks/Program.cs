using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Integrations.Benchmarks.OAuthValidationBenchmarks).Assembly).Run(args);
