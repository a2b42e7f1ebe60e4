namespace Integrations.LoadTest;

/// <summary>
/// What PostgreSQL counted for one database: transactions (<c>xact_commit + xact_rollback</c>) and statements
/// (<c>pg_stat_statements</c> calls; <see langword="null"/> where the extension is not available).
/// </summary>
internal readonly record struct ServerCounts(long Transactions, long? Statements)
{
    public static ServerCounts operator -(ServerCounts left, ServerCounts right) =>
        new(left.Transactions - right.Transactions, left.Statements - right.Statements);

    public static ServerCounts operator +(ServerCounts left, ServerCounts right) =>
        new(left.Transactions + right.Transactions, left.Statements + right.Statements);
}
