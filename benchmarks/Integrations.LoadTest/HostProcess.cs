using System.Diagnostics;
using System.Text.Json;

namespace Integrations.LoadTest;

/// <summary>One host process (this program with <c>--serve</c>): started, read until it listens, stopped by closing its standard input.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30); // then the host is killed

    private HostProcess(Process process, HostInfo info)
    {
        Process = process;
        Info = info;
    }

    public Process Process { get; }

    public HostInfo Info { get; }

    public static async Task<HostProcess> StartAsync(HostSettings settings)
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

        foreach (var argument in settings.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(Interruption.Token);
            if (line is null)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"A host exited with code {process.ExitCode} before it listened (its error, if it printed one, is above).");
            }

            return new HostProcess(process, JsonSerializer.Deserialize<HostInfo>(line)!);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    /// <summary>Throws if the host has exited: its answers and processor time no longer mean anything.</summary>
    public static void ThrowIfExited(Process process)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"The host (process {process.Id}) exited with code {process.ExitCode} during the run (its error, if it printed one, is above).");
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(Process));

    /// <summary>Closes the host's standard input (it then stops), waits for it to exit, kills it if it does not.</summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the host has already exited
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"The host (process {process.Id}) did not stop within {StopTimeout.TotalSeconds:F0} s: killed.");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
