using System.Reflection;
using Xunit.Sdk;

namespace Integrations.Storage.Specification.PostgreSql;

/// <summary>
/// A theory's data row that needs PostgreSQL (<see cref="RequiresPostgreSqlAttribute"/>): as <see cref="InlineDataAttribute"/>,
/// skipped with <see cref="RequiresPostgreSqlAttribute.SkipReason"/> when no server is configured.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgreSqlInlineDataAttribute : DataAttribute
{
    private readonly object?[] _data;

    /// <summary>A row with <paramref name="data"/> as the theory's arguments.</summary>
    /// <param name="data">The arguments.</param>
    public PostgreSqlInlineDataAttribute(params object?[] data)
    {
        _data = data;
        Skip = RequiresPostgreSqlAttribute.SkipReason;
    }

    /// <summary>The arguments of the row.</summary>
    public IReadOnlyList<object?> Data => _data;

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) => [_data];
}
