using System.Diagnostics;
using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// Reads the processor time used so far by the host process and, on Linux, by the PostgreSQL backends serving the
/// host's database (found by their process titles, <c>postgres: user database …</c>; the host's own command line
/// names the database too, so only titles that PostgreSQL set count). CPU time per request does not depend on how
/// busy the rest of the machine is, unlike requests per second.
/// </summary>
internal sealed class CpuMeter(Process host, string? database)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux ABI .NET runs on

    public CpuSample Read()
    {
        HostProcess.ThrowIfExited(host);
        host.Refresh();
        return new CpuSample(host.TotalProcessorTime, database is null ? TimeSpan.Zero : DatabaseTime(" " + database + " "));
    }

    private static TimeSpan DatabaseTime(string titleWord)
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(directory), out _)
                    || File.ReadAllText(Path.Combine(directory, "cmdline")) is not { } title
                    || !title.StartsWith("postgres: ", StringComparison.Ordinal)
                    || !title.Contains(titleWord, StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the parenthesized command name: state is field 3, utime 14 and stime 15.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended while it was read
            }
            catch (UnauthorizedAccessException)
            {
                // another user's process
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

/// <summary>Processor time used so far by the host and by its database backends.</summary>
internal readonly record struct CpuSample(TimeSpan Host, TimeSpan Database)
{
    public static CpuSample operator -(CpuSample left, CpuSample right) => new(left.Host - right.Host, left.Database - right.Database);

    public static CpuSample operator +(CpuSample left, CpuSample right) => new(left.Host + right.Host, left.Database + right.Database);
}
