using System.Diagnostics;
using System.Text.Json;

namespace Integrations.LoadTest;

/// <summary>One host process (this program with <c>--serve</c>): started, read until it listens, stopped by closing its standard input.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
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
        var line = await process.StandardOutput.ReadLineAsync();
        if (line is null)
        {
            await process.WaitForExitAsync();
            process.Dispose();
            throw new InvalidOperationException("A host exited before it listened.");
        }

        return new HostProcess(process, JsonSerializer.Deserialize<HostInfo>(line)!);
    }

    public async ValueTask DisposeAsync()
    {
        Process.StandardInput.Close();
        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}
