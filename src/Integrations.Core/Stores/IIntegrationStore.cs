using Integrations.Model;

namespace Integrations.Stores;

/// <summary>
/// Persists integrations: plain persistence with no rules. Unique values (normalized name, consumer key, token
/// hash) are enforced atomically and reported with <see cref="DuplicateIntegrationException"/>; a
/// write based on a stale <see cref="Integration.ConcurrencyToken"/> is refused with
/// <see cref="IntegrationConcurrencyException"/> and changes nothing.
/// </summary>
public interface IIntegrationStore
{
    /// <summary>Inserts a new integration.</summary>
    /// <param name="integration">The integration to insert.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when the integration is stored.</returns>
    /// <exception cref="DuplicateIntegrationException">A unique value is taken.</exception>
    ValueTask CreateAsync(Integration integration, CancellationToken cancellationToken);

    /// <summary>Replaces an integration if its stored concurrency token still equals <paramref name="expectedConcurrencyToken"/>.</summary>
    /// <param name="integration">The new state, carrying a new concurrency token.</param>
    /// <param name="expectedConcurrencyToken">The concurrency token of the state the change was based on.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when the integration is stored.</returns>
    /// <exception cref="IntegrationConcurrencyException">The integration changed or no longer exists.</exception>
    /// <exception cref="DuplicateIntegrationException">A unique value is taken.</exception>
    ValueTask UpdateAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an integration and everything issued for it (tokens and the nonces of its consumer key) in one
    /// transaction, if its concurrency token still equals <paramref name="expectedConcurrencyToken"/>.
    /// </summary>
    /// <param name="integration">The integration as last read.</param>
    /// <param name="expectedConcurrencyToken">The concurrency token of the state the delete was based on.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when everything is removed.</returns>
    /// <exception cref="IntegrationConcurrencyException">The integration changed or no longer exists.</exception>
    ValueTask DeleteAsync(Integration integration, string expectedConcurrencyToken, CancellationToken cancellationToken);

    /// <summary>Finds an integration by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    ValueTask<Integration?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Finds an integration by its normalized name (<see cref="Integration.NormalizeName"/>).</summary>
    /// <param name="normalizedName">The normalized name.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    ValueTask<Integration?> FindByNormalizedNameAsync(string normalizedName, CancellationToken cancellationToken);

    /// <summary>Finds an integration by consumer key (callers re-check the key with an ordinal comparison).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    ValueTask<Integration?> FindByConsumerKeyAsync(string consumerKey, CancellationToken cancellationToken);

    /// <summary>Finds the integration holding a token, by the token's hash (<see cref="Security.CredentialHasher"/>).</summary>
    /// <param name="tokenHash">The token hash.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    ValueTask<Integration?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Lists integrations for the admin grid.</summary>
    /// <param name="query">Filter, sort and page.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>One page and the total count of matches.</returns>
    ValueTask<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken);
}
