using System.Buffers;

namespace Integrations.Storage.EfCore;

/// <summary>
/// How <see cref="IntegrationsModelBuilderExtensions.ApplyIntegrationsConfiguration(Microsoft.EntityFrameworkCore.ModelBuilder, Action{IntegrationsModelOptions})"/>
/// names the integrations tables, for hosts that share a database: with <see cref="TablePrefix"/> <c>shop_</c> the
/// tables are <c>shop_integration</c>, <c>shop_integration_token</c> and <c>shop_integration_nonce</c>, and their keys
/// and indexes follow (<c>pk_shop_integration</c>, <c>ux_shop_integration_consumer_key</c>, ...), so differently
/// prefixed sets live side by side in one database (or schema). The defaults keep the names of
/// <see cref="IntegrationsTableNames"/> and of the shipped SQL scripts.
/// </summary>
public sealed class IntegrationsModelOptions
{
    /// <summary>The longest prefix: every key and index name then still fits PostgreSQL's 63-character identifiers.</summary>
    public const int MaxTablePrefixLength = 30;

    private static readonly SearchValues<char> IdentifierCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>
    /// Put before each table name (and so in each key and index name); empty by default. ASCII letters, digits and
    /// underscores, at most <see cref="MaxTablePrefixLength"/> characters, e.g. <c>shop_</c>.
    /// </summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// The database schema of the tables (PostgreSQL), or <see langword="null"/> for the connection's default
    /// (<c>search_path</c>). SQLite has no schemas: leave it <see langword="null"/> there.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>The name of one of the <see cref="IntegrationsTableNames"/> tables with the prefix.</summary>
    internal string Table(string defaultName) => TablePrefix + defaultName;

    /// <summary>Throws if the prefix or the schema cannot be used.</summary>
    internal void Validate()
    {
        if (TablePrefix is null || TablePrefix.Length > MaxTablePrefixLength || TablePrefix.AsSpan().ContainsAnyExcept(IdentifierCharacters))
        {
            throw new ArgumentException(
                $"The table prefix must be ASCII letters, digits and underscores, at most {MaxTablePrefixLength} characters (got '{TablePrefix}').",
                nameof(TablePrefix));
        }

        if (Schema is { } schema && string.IsNullOrWhiteSpace(schema))
        {
            throw new ArgumentException("The schema must be null (the default schema) or a name.", nameof(Schema));
        }
    }
}
