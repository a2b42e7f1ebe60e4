using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL server of the test's own, for tests that stop and start it: a cluster created with <c>initdb</c> in a
/// temporary directory, started with <c>pg_ctl</c> on a free 127.0.0.1 port (password authentication over TCP,
/// <c>fsync=off</c>: throwaway data), stopped and started again on demand, and removed with its directory at the end.
/// It uses the binaries <c>eng/start-postgres.sh</c> installs (<c>/usr/lib/postgresql/*/bin</c>); as root, the server
/// commands run as the <c>postgres</c> operating-system user (the server refuses to run as root), as that script does.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private bool _running;

    private PostgreSqlServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
    }

    /// <summary>The TCP port the server listens on (127.0.0.1), the same after every restart.</summary>
    public int Port { get; }

    /// <summary>Where the server writes its log (shown when it fails to start or stop).</summary>
    public string LogFile => Path.Combine(_root, "server.log");

    /// <summary>The Npgsql connection string for <paramref name="database"/> on this server, as its superuser.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>A connection string.</returns>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = SuperUser,
        Password = _password,
    }.ConnectionString;

    /// <summary>Creates a cluster in a new temporary directory and starts it.</summary>
    /// <returns>The running server.</returns>
    public static async Task<PostgreSqlServer> StartNewAsync()
    {
        if (Environment.GetEnvironmentVariable("TEST_PG") is not { Length: > 0 })
        {
            throw new InvalidOperationException(
                "TEST_PG is not set: run the tests with `bash eng/test.sh`, which installs PostgreSQL (eng/start-postgres.sh) and exports it; "
                + "this test starts a server of its own with the binaries that script installs.");
        }

        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), $"integrations-pg-{Guid.NewGuid():N}");
        var server = new PostgreSqlServer(bin, root, LoopbackPort.Next());
        try
        {
            await server.CreateClusterAsync();
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (<c>pg_ctl start -w</c>): when this returns, it accepts connections.</summary>
    public async Task StartAsync()
    {
        try
        {
            await RunAsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-l", LogFile, "-w", "-t", "60", "start");
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException($"{exception.Message}\nServer log:\n{ServerLogTail()}", exception);
        }

        _running = true;
    }

    /// <summary>Stops the server as an operator would for maintenance: <c>pg_ctl stop -m fast</c> (open sessions are ended).</summary>
    public async Task StopAsync()
    {
        await RunAsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-m", "fast", "-w", "-t", "60", "stop");
        _running = false;
    }

    /// <summary>Waits until a new connection (outside any pool) to <paramref name="database"/> opens and answers a query.</summary>
    /// <param name="database">The database to connect to.</param>
    /// <param name="timeout">How long to keep trying.</param>
    public async Task WaitUntilAcceptingAsync(string database, TimeSpan timeout)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false, Timeout = 5 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                await StopAsync();
            }
            catch (InvalidOperationException)
            {
                // best effort: the directory goes below anyway; an immediate stop ends what a fast stop could not
                await RunAsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-m", "immediate", "-w", "stop").ConfigureAwait(false);
            }
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> with <c>initdb</c> and <c>pg_ctl</c>, as <c>eng/start-postgres.sh</c> picks it.</summary>
    private static string FindBinaries()
    {
        const string Installed = "/usr/lib/postgresql";
        var bin = Directory.Exists(Installed)
            ? Directory.GetDirectories(Installed)
                .Select(version => (Version: decimal.TryParse(Path.GetFileName(version), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : -1m, Bin: Path.Combine(version, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")))
                .OrderBy(c => c.Version)
                .Select(c => c.Bin)
                .LastOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries (initdb, pg_ctl) under {Installed}/*/bin: run `bash eng/start-postgres.sh` (or `bash eng/test.sh`), which installs them.");
    }

    private async Task CreateClusterAsync()
    {
        Directory.CreateDirectory(_root);
        var passwordFile = Path.Combine(_root, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, _password + "\n");
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await RunAsOwnerAsync(
            Path.Combine(_bin, "initdb"),
            "-D", _data, "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile", passwordFile);
        File.Delete(passwordFile);

        // Only the data directory's owner can use the unix socket; TCP needs the password.
        await File.AppendAllTextAsync(Path.Combine(_data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{_root}'
            unix_socket_permissions = 0700
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """);
    }

    /// <summary>Runs a server command as the owner of the data directory: the <c>postgres</c> user when this process is root.</summary>
    private static Task RunAsOwnerAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments])
            : RunAsync(program, arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{program} {string.Join(' ', arguments)}` exited with code {process.ExitCode}:\n{await output}{await error}");
        }
    }

    private string ServerLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile, Encoding.UTF8);
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException exception)
        {
            return $"(no server log: {exception.Message})";
        }
    }
}
