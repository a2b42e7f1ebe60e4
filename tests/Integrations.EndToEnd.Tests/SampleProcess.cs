using System.Diagnostics;
using System.Text;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A sample as its own operating-system process (<c>dotnet Integrations.Samples.Shop.dll</c> or
/// <c>Integrations.Samples.ThirdParty.dll</c>, built beside the tests), for what only a second process proves: nothing
/// shared in memory with the other app.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string name;
    private readonly string readyLine;

    private SampleProcess(string assemblyName, string readyLine, IEnumerable<string> args)
    {
        name = assemblyName;
        this.readyLine = readyLine;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The {name} process exited with code {process.ExitCode}:\n{Output}"));
    }

    /// <summary>What the process wrote to its standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the shop sample with these command-line arguments and waits until it listens.</summary>
    public static Task<SampleProcess> StartShopAsync(IEnumerable<string> args) => StartAsync("Integrations.Samples.Shop", "Shop running at", args);

    /// <summary>Starts the third-party sample with these command-line arguments and waits until it listens.</summary>
    public static Task<SampleProcess> StartThirdPartyAsync(IEnumerable<string> args) => StartAsync("Integrations.Samples.ThirdParty", "Third party (Acme ERP) running at", args);

    private static async Task<SampleProcess> StartAsync(string assemblyName, string readyLine, IEnumerable<string> args)
    {
        var sample = new SampleProcess(assemblyName, readyLine, args);
        sample.process.Start();
        sample.process.BeginOutputReadLine();
        sample.process.BeginErrorReadLine();
        try
        {
            await sample.ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await sample.DisposeAsync();
            throw new TimeoutException($"The {sample.name} process did not start within {StartTimeout}:\n{sample.Output}");
        }

        return sample;
    }

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>): no shutdown code of the shop runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.StartsWith(readyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
