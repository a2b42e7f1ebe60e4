using System.Reflection;

namespace Integrations.Storage.Specification.PostgreSql;

/// <summary>
/// Marks what needs the PostgreSQL server of <c>eng/start-postgres.sh</c> (connection string in <c>TEST_PG</c>): a test
/// method, a test class, or a class fixture (every test class taking that fixture then needs it, so the inherited tests
/// of a suite run on SQLite and are skipped on PostgreSQL alone). When <c>TEST_PG</c> is unset,
/// <see cref="PostgreSqlAwareTestFramework"/> reports those tests skipped with <see cref="SkipReason"/>; <c>eng/test.sh</c>
/// sets it, and fails when any test was skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresPostgreSqlAttribute : Attribute
{
    /// <summary>The environment variable holding the server's Npgsql connection string.</summary>
    public const string Variable = "TEST_PG";

    /// <summary>
    /// Why a test needing PostgreSQL is skipped here, or <see langword="null"/> when a server is configured.
    /// </summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }
        ? null
        : $"PostgreSQL is not configured ({Variable} is unset): run `bash eng/test.sh`, which starts PostgreSQL and runs every test, "
          + $"or export {Variable}=\"$(bash eng/start-postgres.sh)\" before `dotnet test`.";

    /// <summary>Whether <paramref name="method"/> of <paramref name="testClass"/> needs PostgreSQL.</summary>
    /// <param name="testClass">The test class (the concrete one, for inherited tests).</param>
    /// <param name="method">The test method.</param>
    /// <returns><see langword="true"/> when the method, the class or one of the class's fixtures is marked.</returns>
    public static bool IsRequiredBy(Type testClass, MethodInfo method) =>
        method.IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true)
        || testClass.IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true)
        || testClass.GetInterfaces().Any(contract =>
            contract.IsGenericType
            && contract.GetGenericTypeDefinition() == typeof(IClassFixture<>)
            && contract.GetGenericArguments()[0].IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true));
}
