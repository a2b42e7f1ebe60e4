using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Integrations.Storage.Specification.PostgreSql;

/// <summary>
/// xunit's test framework, except that without a PostgreSQL server (<c>TEST_PG</c> unset) the tests that need one
/// (<see cref="RequiresPostgreSqlAttribute"/>) are discovered as skipped, with <see cref="RequiresPostgreSqlAttribute.SkipReason"/>,
/// instead of failing in their fixtures. xunit 2 has no skip decided at run time, and the suites shared by SQLite and
/// PostgreSQL declare their tests once, in a base class: so the decision is taken here, per concrete test class.
/// A test project opts in with
/// <c>[assembly: TestFramework(PostgreSqlAwareTestFramework.TypeName, PostgreSqlAwareTestFramework.AssemblyName)]</c>.
/// </summary>
/// <param name="messageSink">xunit's diagnostic message sink.</param>
public sealed class PostgreSqlAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The full name of this type, for <see cref="TestFrameworkAttribute"/>.</summary>
    public const string TypeName = "Integrations.Storage.Specification.PostgreSql.PostgreSqlAwareTestFramework";

    /// <summary>The name of this type's assembly, for <see cref="TestFrameworkAttribute"/>.</summary>
    public const string AssemblyName = "Integrations.Storage.Specification";

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sources, diagnostics)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (RequiresPostgreSqlAttribute.SkipReason is not { } reason
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute).AssemblyQualifiedName).Any()
                || testMethod.TestClass.Class is not IReflectionTypeInfo { Type: var testClass }
                || testMethod.Method is not IReflectionMethodInfo { MethodInfo: var method }
                || !RequiresPostgreSqlAttribute.IsRequiredBy(testClass, method))
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }

    private sealed class Executor(AssemblyName assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assembly, sources, diagnostics)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() =>
            new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }
}
