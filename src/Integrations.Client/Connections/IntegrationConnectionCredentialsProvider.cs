using System.Collections.Concurrent;
using System.Net.Http;
using Integrations.Client.Onboarding;
using Integrations.Client.Signing;
using Integrations.OAuth;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Client.Connections;

/// <summary>
/// Signs a request with the stored connection its <see cref="IntegrationsRequestOptions.ConsumerKey"/> names
/// (<c>request.ForConnection(consumerKey)</c>): the consumer key and secret and the access token and secret,
/// decrypted once and kept for <see cref="IntegrationsClientOptions.CredentialsCacheLifetime"/>. A reauthorization that
/// this app receives replaces them at once, without a restart. Returns <see langword="null"/> for a request that names no
/// connection or an unknown one.
/// </summary>
public sealed class IntegrationConnectionCredentialsProvider : IOAuthCredentialsProvider
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly IOptions<IntegrationsClientOptions> _options;
    private long _generation;

    /// <summary>Creates the provider.</summary>
    /// <param name="scopes">Makes the scope the connection store is read in.</param>
    /// <param name="protector">Decrypts the stored secrets.</param>
    /// <param name="time">The clock of the cache.</param>
    /// <param name="options">The signature method, realm and cache lifetime.</param>
    public IntegrationConnectionCredentialsProvider(IServiceScopeFactory scopes, ISecretProtector protector, TimeProvider time, IOptions<IntegrationsClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _protector = protector;
        _time = time;
        _options = options;
    }

    /// <inheritdoc />
    public ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(IntegrationsRequestOptions.ConsumerKey, out var consumerKey))
        {
            return ValueTask.FromResult<OAuthClientCredentials?>(null);
        }

        if (_cache.TryGetValue(consumerKey, out var entry) && _time.GetTimestamp() < entry.ExpiresAt)
        {
            return ValueTask.FromResult<OAuthClientCredentials?>(entry.Credentials);
        }

        return LoadAsync(consumerKey, cancellationToken);
    }

    /// <summary>Drops the cached credentials of a connection (after it was reauthorized or deleted).</summary>
    /// <param name="consumerKey">The connection's consumer key.</param>
    public void Forget(string consumerKey)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(consumerKey, out _);
    }

    private async ValueTask<OAuthClientCredentials?> LoadAsync(string consumerKey, CancellationToken cancellationToken)
    {
        // a connection replaced while it is read must not be cached as it was: cache only if nothing was forgotten meanwhile
        var generation = Interlocked.Read(ref _generation);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var connection = await scope.ServiceProvider.GetRequiredService<IIntegrationConnectionStore>().FindAsync(consumerKey, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                _cache.TryRemove(consumerKey, out _);
                return null;
            }

            var options = _options.Value;
            var credentials = new OAuthClientCredentials
            {
                ConsumerKey = connection.ConsumerKey,
                ConsumerSecret = _protector.Unprotect(connection.ProtectedConsumerSecret),
                Token = _protector.Unprotect(connection.ProtectedAccessToken),
                TokenSecret = _protector.Unprotect(connection.ProtectedAccessTokenSecret),
                SignatureMethod = options.SignatureMethod,
                Realm = options.Realm,
            };
            if (Interlocked.Read(ref _generation) == generation)
            {
                _cache[consumerKey] = new Entry(credentials, ExpiresAt(options.CredentialsCacheLifetime));
            }

            return credentials;
        }
    }

    /// <summary>When credentials cached now expire (<see cref="TimeProvider.GetTimestamp"/>); a lifetime beyond the clock's range (<see cref="TimeSpan.MaxValue"/>) never ends.</summary>
    private long ExpiresAt(TimeSpan lifetime)
    {
        var now = _time.GetTimestamp();
        var remaining = long.MaxValue - now;
        var ticks = lifetime.TotalSeconds * _time.TimestampFrequency;
        return ticks < remaining ? now + Math.Min((long)ticks, remaining) : long.MaxValue;
    }

    private sealed record Entry(OAuthClientCredentials Credentials, long ExpiresAt);
}
