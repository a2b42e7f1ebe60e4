using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL database reached with the connection settings the EF Core README advises for busy API hosts
/// (multiplexing, automatic preparation), so the stores' guarantees are checked under them too.
/// </summary>
public sealed class TunedPostgresTestDatabase : PostgresTestDatabase
{
    public override void UseProvider(DbContextOptionsBuilder options) =>
        options.UseNpgsql(new NpgsqlConnectionStringBuilder(ConnectionString) { Multiplexing = true, MaxAutoPrepare = 10 }.ConnectionString);
}
