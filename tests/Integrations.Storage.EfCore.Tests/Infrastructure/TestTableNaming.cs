using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// The table prefix and schema a <see cref="TestDbContext"/> applies, carried in its options (so one context type
/// can have several namings, as a host's context type can have several models). Models are cached per naming.
/// </summary>
public sealed class TestTableNaming(string tablePrefix, string? schema) : IDbContextOptionsExtension
{
    public string TablePrefix { get; } = tablePrefix;

    public string? Schema { get; } = schema;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    /// <summary>Adds the naming to a context's options.</summary>
    public static void Apply(DbContextOptionsBuilder options, string tablePrefix, string? schema)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new TestTableNaming(tablePrefix, schema));
        options.ReplaceService<IModelCacheKeyFactory, ModelKeyFactory>();
    }

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(TestTableNaming naming) : DbContextOptionsExtensionInfo(naming)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"TablePrefix={naming.TablePrefix} Schema={naming.Schema} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["TestTableNaming"] = naming.TablePrefix + "|" + naming.Schema;
    }

    /// <summary>One model per context type and naming.</summary>
    private sealed class ModelKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as TestDbContext)?.Naming is { } naming ? (naming.TablePrefix, naming.Schema) : default, designTime);
    }
}
