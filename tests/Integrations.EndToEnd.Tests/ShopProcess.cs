using System.Diagnostics;
using System.Text;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop sample as its own operating-system process (<c>dotnet Integrations.Samples.Shop.dll</c>, built beside the
/// tests), for what only a second process proves: nothing shared in memory with the other shop.
/// </summary>
public sealed class ShopProcess : IAsyncDisposable
{
    private const string ReadyLine = "Shop running at";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ShopProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Integrations.Samples.Shop.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The shop process exited with code {process.ExitCode}:\n{Output}"));
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

    /// <summary>Starts the shop with these command-line arguments and waits until it listens.</summary>
    public static async Task<ShopProcess> StartAsync(IEnumerable<string> args)
    {
        var shop = new ShopProcess(args);
        shop.process.Start();
        shop.process.BeginOutputReadLine();
        shop.process.BeginErrorReadLine();
        try
        {
            await shop.ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await shop.DisposeAsync();
            throw new TimeoutException($"The shop process did not start within {StartTimeout}:\n{shop.Output}");
        }

        return shop;
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

        if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
