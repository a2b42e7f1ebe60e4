using System.Runtime.InteropServices;

namespace Integrations.LoadTest;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM in the load generator: the first one cancels <see cref="Token"/>, so the run stops
/// waiting and sending, and its <c>await using</c> scopes stop the hosts and delete the database or file; a second
/// one ends the process at once, as by default.
/// </summary>
internal static class Interruption
{
    private static readonly CancellationTokenSource Source = new();

    /// <summary>Canceled once the run was interrupted.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>Handles the signals until the returned registrations are disposed.</summary>
    public static IDisposable Register() => new Registrations([
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)]);

    private static void OnSignal(PosixSignalContext context)
    {
        if (Source.IsCancellationRequested)
        {
            return; // the second signal: the default, end the process
        }

        context.Cancel = true;
        Console.Error.WriteLine("interrupted: stopping the hosts and deleting the database (again to quit at once)");
        Source.Cancel();
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
