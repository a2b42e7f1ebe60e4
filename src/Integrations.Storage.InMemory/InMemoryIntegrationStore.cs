using System.Collections.Concurrent;
using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="IIntegrationStore"/> in process memory that behaves like a database: writes are
/// serialized and atomic (unique checks and the compare-and-swap on the concurrency token happen under one lock),
/// reads are lock-free lookups of immutable snapshots.
/// </summary>
public sealed class InMemoryIntegrationStore : IIntegrationStore
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<Guid, Integration> _byId = new();
    private readonly ConcurrentDictionary<string, Guid> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Guid> _byConsumerKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Guid> _byTokenHash = new(StringComparer.Ordinal);
    private readonly InMemoryNonceStore _nonces;

    /// <summary>Creates the store.</summary>
    /// <param name="nonces">The nonce store whose adds check this store's integrations (a deleted integration's nonces are no longer counted).</param>
    public InMemoryIntegrationStore(InMemoryNonceStore nonces)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        _nonces = nonces;
        nonces.Attach(this);
    }

    /// <inheritdoc />
    public ValueTask CreateAsync(Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (_byId.ContainsKey(integration.Id))
            {
                throw new InvalidOperationException($"An integration with id {integration.Id} is already stored.");
            }

            EnsureUnique(integration);
            Index(integration, previous: null);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask UpdateAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(expectedConcurrencyToken);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var current = Current(integration.Id, expectedConcurrencyToken);
            EnsureUnique(integration);
            Index(integration, current);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(expectedConcurrencyToken);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var current = Current(integration.Id, expectedConcurrencyToken);
            _byId.TryRemove(current.Id, out _);
            _byName.TryRemove(current.NormalizedName, out _);
            _byConsumerKey.TryRemove(current.ConsumerKey, out _);
            if (current.Token is not null)
            {
                _byTokenHash.TryRemove(current.Token.Hash, out _);
            }

            _nonces.Forget(current.Id);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Integration?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_byId.GetValueOrDefault(id));
    }

    /// <inheritdoc />
    public ValueTask<Integration?> FindByNormalizedNameAsync(string normalizedName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Lookup(_byName, normalizedName, static (i, v) => i.NormalizedName == v, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Integration?> FindByConsumerKeyAsync(string consumerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Lookup(_byConsumerKey, consumerKey, static (i, v) => i.ConsumerKey == v, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Integration?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Lookup(_byTokenHash, tokenHash, static (i, v) => i.Token?.Hash == v, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        IEnumerable<Integration> matches = _byId.Values;
        if (query.NameContains is { Length: > 0 } text)
        {
            matches = matches.Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        if (query.EmailContains is { Length: > 0 } email)
        {
            matches = matches.Where(i => i.Email is not null && i.Email.Contains(email, StringComparison.OrdinalIgnoreCase));
        }

        if (query.Status is { } status)
        {
            matches = matches.Where(i => i.Status == status);
        }

        var all = matches.ToList();
        IOrderedEnumerable<Integration> sorted = query.SortBy switch
        {
            IntegrationSortField.Status => Order(all, i => i.Status, query.Descending),
            IntegrationSortField.CreatedAt => Order(all, i => i.CreatedAt, query.Descending),
            IntegrationSortField.UpdatedAt => Order(all, i => i.UpdatedAt, query.Descending),
            IntegrationSortField.Email => Order(all, i => AsciiUpper(i.Email ?? ""), query.Descending, CodePointOrder.Instance),
            _ => Order(all, i => i.NormalizedName, query.Descending, CodePointOrder.Instance),
        };
        var page = sorted.ThenBy(i => i.Id).Skip(query.Skip).Take(query.Take).ToList();
        return ValueTask.FromResult(new IntegrationPage(page, all.Count));
    }

    /// <summary>The integration holding a consumer key now, or <see langword="null"/>.</summary>
    internal Integration? CurrentByConsumerKey(string consumerKey) =>
        Lookup(_byConsumerKey, consumerKey, static (i, v) => i.ConsumerKey == v);

    /// <summary>
    /// The e-mail sort key: ASCII letters upper-cased, every other character as it is, which is what SQLite's
    /// <c>upper()</c> gives and what the EF Core store asks of PostgreSQL (<c>upper()</c> under the "C" collation).
    /// </summary>
    private static string AsciiUpper(string text) =>
        string.Create(text.Length, text, static (upper, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                upper[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - ('a' - 'A')) : source[i];
            }
        });

    private static IOrderedEnumerable<Integration> Order<TKey>(IEnumerable<Integration> source, Func<Integration, TKey> key, bool descending, IComparer<TKey>? comparer = null) =>
        descending ? source.OrderByDescending(key, comparer) : source.OrderBy(key, comparer);

    private Integration? Lookup(ConcurrentDictionary<string, Guid> index, string value, Func<Integration, string, bool> stillMatches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        return index.TryGetValue(value, out var id) && _byId.TryGetValue(id, out var integration) && stillMatches(integration, value)
            ? integration
            : null;
    }

    private Integration Current(Guid id, string expectedConcurrencyToken)
    {
        if (!_byId.TryGetValue(id, out var current) || current.ConcurrencyToken != expectedConcurrencyToken)
        {
            throw new IntegrationConcurrencyException(id);
        }

        return current;
    }

    private void EnsureUnique(Integration integration)
    {
        if (_byName.TryGetValue(integration.NormalizedName, out var nameOwner) && nameOwner != integration.Id)
        {
            throw DuplicateIntegrationException.ForName(integration.Name);
        }

        if (_byConsumerKey.TryGetValue(integration.ConsumerKey, out var keyOwner) && keyOwner != integration.Id)
        {
            throw new DuplicateIntegrationException(IntegrationUniqueField.ConsumerKey, "The consumer key is already in use.");
        }

        if (integration.Token is { } token && _byTokenHash.TryGetValue(token.Hash, out var tokenOwner) && tokenOwner != integration.Id)
        {
            throw new DuplicateIntegrationException(IntegrationUniqueField.Token, "The token is already in use.");
        }
    }

    private void Index(Integration integration, Integration? previous)
    {
        // The new snapshot goes in first, then the indexes move: a concurrent reader never finds a key that
        // resolves to a snapshot no longer holding it (Lookup re-checks).
        _byId[integration.Id] = integration;
        if (previous is not null)
        {
            Unindex(_byName, previous.NormalizedName, integration.NormalizedName);
            Unindex(_byConsumerKey, previous.ConsumerKey, integration.ConsumerKey);
            Unindex(_byTokenHash, previous.Token?.Hash, integration.Token?.Hash);
        }

        _byName[integration.NormalizedName] = integration.Id;
        _byConsumerKey[integration.ConsumerKey] = integration.Id;
        if (integration.Token is not null)
        {
            _byTokenHash[integration.Token.Hash] = integration.Id;
        }
    }

    private static void Unindex(ConcurrentDictionary<string, Guid> index, string? oldValue, string? newValue)
    {
        if (oldValue is not null && oldValue != newValue)
        {
            index.TryRemove(oldValue, out _);
        }
    }

    /// <summary>
    /// Orders text by Unicode code point, as the databases order it (SQLite's binary collation and PostgreSQL's "C"
    /// compare UTF-8 bytes): ordinal UTF-16 order differs from it only where a surrogate pair (a code point above
    /// U+FFFF) meets U+E000-U+FFFF.
    /// </summary>
    private sealed class CodePointOrder : IComparer<string>
    {
        public static readonly CodePointOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return string.CompareOrdinal(x, y);
            }

            var common = x.AsSpan().CommonPrefixLength(y);
            return common == Math.Min(x.Length, y.Length) ? x.Length.CompareTo(y.Length) : Weight(x[common]).CompareTo(Weight(y[common]));
        }

        /// <summary>Surrogates stand for code points above U+FFFF: they come after U+E000-U+FFFF, which move down in their place.</summary>
        private static int Weight(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
