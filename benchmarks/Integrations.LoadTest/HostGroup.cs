using System.Security.Cryptography;

namespace Integrations.LoadTest;

/// <summary>
/// The hosts of one run on one database: the first creates the schema and the integration, the others join it with
/// the same secret-protection key. Disposing stops every host, then deletes the database.
/// </summary>
internal sealed class HostGroup : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];
    private readonly HostSettings _settings;

    private HostGroup(HostSettings settings) => _settings = settings;

    public IReadOnlyList<HostProcess> Hosts => _hosts;

    public SigningCredentials Credentials => _hosts[0].Info.Credentials!;

    public string Store => _settings.Store;

    /// <summary>The shared database: a PostgreSQL connection string, a SQLite file path, or empty (memory).</summary>
    public string Location => _settings.Database;

    /// <summary>The PostgreSQL database's name, else <see langword="null"/>.</summary>
    public string? PostgresDatabase => LoadTestDatabase.PostgresName(Store, Location);

    /// <summary>
    /// Starts <paramref name="instances"/> hosts (the setup host first), with the nonce cleanup every
    /// <paramref name="cleanupIntervalSeconds"/> (0: the library's default).
    /// </summary>
    public static async Task<HostGroup> StartAsync(string store, Arguments options, int instances, int cleanupIntervalSeconds = 0)
    {
        if (store == "memory" && instances > 1)
        {
            throw new ArgumentException("In-memory stores are per process: --instances must be 1 with --store memory.");
        }

        var settings = new HostSettings(store, LoadTestDatabase.CreateLocation(store, options.Postgres), options.SqliteSynchronous,
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Setup: true, cleanupIntervalSeconds, CleanupBatchSize: 0);
        var group = new HostGroup(settings);
        try
        {
            group._hosts.Add(await HostProcess.StartAsync(settings));
            var others = Enumerable.Range(1, instances - 1).Select(_ => HostProcess.StartAsync(settings with { Setup = false })).ToList();
            try
            {
                await Task.WhenAll(others);
            }
            finally
            {
                group._hosts.AddRange(others.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)); // stopped below if another failed
            }

            return group;
        }
        catch
        {
            try
            {
                await group.DisposeAsync();
            }
            catch (Exception cleanup) when (cleanup is not OutOfMemoryException)
            {
                Console.Error.WriteLine("Cleaning up after the failed start failed too: " + cleanup.Message);
            }

            throw;
        }
    }

    /// <summary>Starts one more host on the same database, with the nonce cleanup every <paramref name="intervalSeconds"/> in batches of <paramref name="batchSize"/>.</summary>
    public async Task<HostProcess> AddHostAsync(int intervalSeconds, int batchSize)
    {
        var host = await HostProcess.StartAsync(_settings with { Setup = false, CleanupIntervalSeconds = intervalSeconds, CleanupBatchSize = batchSize });
        _hosts.Add(host);
        return host;
    }

    /// <summary>Stops one host of the group now.</summary>
    public async Task StopHostAsync(HostProcess host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }
        }
        finally
        {
            _hosts.Clear();
            await LoadTestDatabase.DeleteAsync(Store, Location);
        }
    }
}
