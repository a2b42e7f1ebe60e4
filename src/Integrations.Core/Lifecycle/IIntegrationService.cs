using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;

namespace Integrations.Lifecycle;

/// <summary>
/// Everything an admin does with integrations: create, edit, list, activate (Allow), reauthorize, reveal
/// credentials and delete. Every rule lives here; stores only persist. Errors are
/// <see cref="IntegrationException"/>s with user-readable messages. Create, edit, reveal and delete confirm the
/// admin's password with the host's <see cref="IAdminPasswordVerifier"/> (<c>UseAdminPasswordVerifier&lt;T&gt;()</c>); a
/// host that registered none (one that only serves signed calls) gets <see cref="InvalidOperationException"/> from them.
/// </summary>
public interface IIntegrationService
{
    /// <summary>Creates an inactive integration with a new consumer key and secret, after checking the admin's password.</summary>
    /// <param name="draft">The admin's input.</param>
    /// <param name="confirmation">The acting admin and their password.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The created integration.</returns>
    /// <exception cref="InvalidAdminPasswordException">The password is wrong; nothing was created.</exception>
    /// <exception cref="IntegrationValidationException">The input is invalid.</exception>
    /// <exception cref="DuplicateIntegrationException">The name is taken.</exception>
    Task<Integration> CreateAsync(IntegrationDraft draft, AdminConfirmation confirmation, CancellationToken cancellationToken = default);

    /// <summary>Edits an integration's fields and grants, after checking the admin's password. Status and credentials are kept.</summary>
    /// <param name="id">The integration.</param>
    /// <param name="draft">The admin's input.</param>
    /// <param name="confirmation">The acting admin and their password.</param>
    /// <param name="expectedConcurrencyToken">
    /// The <see cref="Integration.ConcurrencyToken"/> of the integration as the admin saw it, or <see langword="null"/> to act on it as it
    /// is now: when given and the integration changed since, nothing is done (<see cref="IntegrationConcurrencyException"/>).
    /// </param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The updated integration.</returns>
    /// <exception cref="IntegrationNotFoundException">No such integration.</exception>
    /// <exception cref="IntegrationReadOnlyException">It is declared in configuration.</exception>
    /// <exception cref="InvalidAdminPasswordException">The password is wrong; nothing was changed.</exception>
    /// <exception cref="IntegrationValidationException">The input is invalid.</exception>
    /// <exception cref="DuplicateIntegrationException">The name is taken.</exception>
    /// <exception cref="IntegrationConcurrencyException">It changed meanwhile (since the admin saw it, with <paramref name="expectedConcurrencyToken"/>).</exception>
    Task<Integration> UpdateAsync(Guid id, IntegrationDraft draft, AdminConfirmation confirmation, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an integration.</summary>
    /// <param name="id">The integration.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    Task<Integration?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists integrations for the admin grid: filter by name and status, sort, page.</summary>
    /// <param name="query">Filter, sort and page.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The page and the total count.</returns>
    Task<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Activates an integration (the admin clicked Allow). Without a callback URL the access token and secret are
    /// issued at once and the integration becomes Active; with one, a verifier is issued and the integration waits
    /// for the token exchange.
    /// </summary>
    /// <param name="id">The integration.</param>
    /// <param name="expectedConcurrencyToken">
    /// The <see cref="Integration.ConcurrencyToken"/> of the integration as the admin saw it, or <see langword="null"/> to act on it as it
    /// is now: when given and the integration changed since, nothing is done (<see cref="IntegrationConcurrencyException"/>).
    /// </param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The new state and the credentials to show or post.</returns>
    /// <exception cref="IntegrationNotFoundException">No such integration.</exception>
    /// <exception cref="InvalidIntegrationTransitionException">It is already active.</exception>
    /// <exception cref="IntegrationConcurrencyException">It changed meanwhile (for example a concurrent Allow), or since the admin saw it.</exception>
    Task<ActivationResult> ActivateAsync(Guid id, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reauthorizes an active integration: the access token and secret are replaced; the consumer key and secret are
    /// kept (a consumer secret that can no longer be decrypted is replaced too). Without a callback URL the new token is
    /// issued and the old one stops working in one write. With a callback URL the old token keeps working while the
    /// new credentials are posted and stops working, on every instance, once the callback has accepted them; a failed
    /// POST leaves everything as it was.
    /// </summary>
    /// <param name="id">The integration.</param>
    /// <param name="expectedConcurrencyToken">
    /// The <see cref="Integration.ConcurrencyToken"/> of the integration as the admin saw it, or <see langword="null"/> to act on it as it
    /// is now: when given and the integration changed since, nothing is done (<see cref="IntegrationConcurrencyException"/>).
    /// </param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The new state and the credentials to show or post.</returns>
    /// <exception cref="IntegrationNotFoundException">No such integration.</exception>
    /// <exception cref="InvalidIntegrationTransitionException">It is not active.</exception>
    /// <exception cref="IntegrationConcurrencyException">It changed meanwhile (for example a concurrent Reauthorize), or since the admin saw it.</exception>
    Task<ActivationResult> ReauthorizeAsync(Guid id, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default);

    /// <summary>Reveals the stored credentials in clear, after checking the admin's password.</summary>
    /// <param name="id">The integration.</param>
    /// <param name="confirmation">The acting admin and their password.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The consumer key and secret, and the access token and secret if one is issued.</returns>
    /// <exception cref="IntegrationNotFoundException">No such integration.</exception>
    /// <exception cref="InvalidAdminPasswordException">The password is wrong; nothing is revealed.</exception>
    /// <exception cref="IntegrationException">The stored credentials cannot be decrypted; reauthorize the integration.</exception>
    Task<IntegrationCredentials> RevealCredentialsAsync(Guid id, AdminConfirmation confirmation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the integration's stored credentials (consumer secret, token secret) can no longer be decrypted (a
    /// corrupted value, a retired key): its calls are refused, and the admin page should say that it needs a
    /// reauthorize (or, when it is not active, an activation), which issues new credentials.
    /// </summary>
    /// <param name="integration">The integration as read.</param>
    /// <returns><see langword="true"/> when a stored secret cannot be decrypted.</returns>
    bool CredentialsNeedReauthorize(Integration integration);

    /// <summary>Deletes an integration and everything issued for it, after checking the admin's password.</summary>
    /// <param name="id">The integration.</param>
    /// <param name="confirmation">The acting admin and their password.</param>
    /// <param name="expectedConcurrencyToken">
    /// The <see cref="Integration.ConcurrencyToken"/> of the integration as the admin saw it, or <see langword="null"/> to act on it as it
    /// is now: when given and the integration changed since, nothing is done (<see cref="IntegrationConcurrencyException"/>).
    /// </param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    /// <exception cref="IntegrationNotFoundException">No such integration.</exception>
    /// <exception cref="IntegrationReadOnlyException">It is declared in configuration.</exception>
    /// <exception cref="InvalidAdminPasswordException">The password is wrong; nothing was deleted.</exception>
    /// <exception cref="IntegrationConcurrencyException">It changed meanwhile (since the admin saw it, with <paramref name="expectedConcurrencyToken"/>).</exception>
    Task DeleteAsync(Guid id, AdminConfirmation confirmation, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default);
}
