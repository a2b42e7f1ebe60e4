using System.Globalization;

namespace Integrations.LoadTest;

/// <summary>
/// How the load generator starts one host process (<c>--serve</c>): the store, where its database is (a PostgreSQL
/// connection string naming the shared database, or the shared SQLite file; empty in memory), the key that protects
/// the stored secrets (the same for every host on one database), whether this host creates the schema and the
/// integration, and the nonce cleanup's interval and batch size (0: the library's defaults).
/// </summary>
internal sealed record HostSettings(string Store, string Database, string SqliteSynchronous, string SecretKey, bool Setup, int CleanupIntervalSeconds, int CleanupBatchSize)
{
    public IEnumerable<string> ToArguments() =>
    [
        "--serve", "--store", Store, "--database", Database, "--sqlite-synchronous", SqliteSynchronous, "--secret-key", SecretKey,
        "--setup", Setup ? "true" : "false",
        "--cleanup-interval", CleanupIntervalSeconds.ToString(CultureInfo.InvariantCulture),
        "--cleanup-batch", CleanupBatchSize.ToString(CultureInfo.InvariantCulture),
    ];

    public static HostSettings Parse(IReadOnlyDictionary<string, string> values) => new(
        values["store"],
        values["database"],
        values["sqlite-synchronous"],
        values["secret-key"],
        values["setup"] == "true",
        int.Parse(values["cleanup-interval"], CultureInfo.InvariantCulture),
        int.Parse(values["cleanup-batch"], CultureInfo.InvariantCulture));
}
