using System.Reflection;
using Integrations.AspNetCore.Admin;
using Integrations.AspNetCore.Authentication;
using Integrations.Client.Signing;
using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// The event ids of every package's log lines are unique across the packages and inside each package's range, as the
/// repository README lists them, so a host can filter or alert on an id without knowing which package wrote it. The admin
/// package logs nothing yet: its range keeps its first log lines clear of the others.
/// </summary>
public sealed class EventIdTests
{
    public static TheoryData<string, int, int> Ranges => new()
    {
        { "Integrations.Core", 1000, 6999 },
        { "Integrations.AspNetCore", 7000, 7099 },
        { "Integrations.Client", 8000, 8099 },
        { "Integrations.AspNetCore.Admin", 9000, 9099 },
    };

    private static readonly Assembly[] Packages =
    [
        typeof(IntegrationsBuilder).Assembly,
        typeof(IntegrationsAuthenticationDefaults).Assembly,
        typeof(OAuthSigningHandler).Assembly,
        typeof(IntegrationsAdminOptions).Assembly,
    ];

    [Fact]
    public void Every_event_id_is_used_by_one_log_line_only()
    {
        var lines = LogLines().ToList();

        lines.Should().HaveCountGreaterThan(40, "every package logs through source-generated LoggerMessage methods");
        lines.Select(l => l.Package).Distinct().Should().Contain(["Integrations.Core", "Integrations.AspNetCore", "Integrations.Client"]);
        lines.GroupBy(l => l.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(l => l.Method))}")
            .Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_packages_event_ids_stay_in_its_range(string package, int first, int last)
    {
        var lines = LogLines().Where(l => l.Package == package).ToList();

        lines.Where(l => l.EventId < first || l.EventId > last).Select(l => $"{l.EventId} {l.Method}").Should().BeEmpty();
    }

    private static IEnumerable<(string Package, int EventId, string Method)> LogLines() =>
        from assembly in Packages
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (assembly.GetName().Name!, attribute.EventId, $"{type.Name}.{method.Name}");
}
