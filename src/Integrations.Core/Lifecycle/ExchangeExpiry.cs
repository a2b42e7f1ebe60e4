using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Lifecycle;

/// <summary>
/// Ends token exchanges whose window (<see cref="IntegrationsOptions.TokenExchangeWindow"/>) has passed, from the
/// stored start time alone, so an exchange expires even when the process that started it died: a pending integration
/// goes back to <see cref="IntegrationStatus.Inactive"/> (the admin activates it again), and a reauthorize that never
/// got past its callback POST leaves the integration <see cref="IntegrationStatus.Active"/> with its access token and
/// without the stale verifier. Applied whenever the admin service reads an integration and by the cleanup service;
/// each expiry is written with the concurrency token (one instance wins), logged and published as
/// <see cref="IntegrationEventKind.ExchangeExpired"/>. Made per scope (the store may be scoped).
/// </summary>
internal sealed class ExchangeExpiry
{
    private readonly IIntegrationStore _store;
    private readonly IntegrationWriter _writer;
    private readonly TimeProvider _time;
    private readonly IOptions<IntegrationsOptions> _options;
    private readonly IntegrationEventPublisher _events;
    private readonly ILogger _logger;

    public ExchangeExpiry(IIntegrationStore store, IntegrationWriter writer, TimeProvider time, IOptions<IntegrationsOptions> options, IntegrationEventPublisher events, ILogger logger)
    {
        _store = store;
        _writer = writer;
        _time = time;
        _options = options;
        _events = events;
        _logger = logger;
    }

    /// <summary>
    /// Whether the exchange of an integration has outlived its window at <paramref name="now"/>. One whose request
    /// token was issued (within the window) is not: as in Magento, the access token call is not bound to the window,
    /// and it must not depend on whether anyone read the integration meanwhile.
    /// </summary>
    public bool IsDue(Integration integration, DateTimeOffset now) =>
        integration.ExchangeStartedAt is { } started
        && (integration.Status == IntegrationStatus.PendingExchange || integration.VerifierHash is not null)
        && integration.Token is not { Type: OAuthTokenType.Request }
        && now - started >= _options.Value.TokenExchangeWindow;

    /// <summary>
    /// Returns the integration with its expired exchange ended (stored), or as it is when nothing is due; when it
    /// changed meanwhile, as it is stored now (<see langword="null"/> if it was deleted).
    /// </summary>
    public async Task<Integration?> ApplyAsync(Integration integration, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!IsDue(integration, now))
        {
            return integration;
        }

        // a pending integration goes back to inactive (the state machine's ExpireExchange); a reauthorize that never got
        // past its callback POST stays active, only without its stale verifier
        var pending = integration.Status == IntegrationStatus.PendingExchange;
        var change = integration with
        {
            Status = pending ? IntegrationStatus.Inactive : integration.Status,
            Token = pending ? null : integration.Token,
            VerifierHash = null,
            ExchangeStartedAt = null,
            UpdatedAt = now,
        };
        Integration expired;
        try
        {
            // not cancellable: once decided, the expiry is written whole or not at all
            expired = await _writer.SaveAsync(integration, pending ? IntegrationTrigger.ExpireExchange : null, change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IntegrationConcurrencyException)
        {
            // another instance expired it, or an admin or the third party acted meanwhile: theirs is the state now
            return await _writer.FindAsync(integration.Id, cancellationToken).ConfigureAwait(false);
        }

        _logger.ExchangeExpired(expired.Name, expired.Id, integration.ExchangeStartedAt!.Value, integration.Status, expired.Status);
        await _events.PublishAsync(IntegrationEvent.For(IntegrationEventKind.ExchangeExpired, expired, now), cancellationToken).ConfigureAwait(false);
        return expired;
    }

    /// <summary>Ends every expired exchange in the store (the pending ones, page by page); returns how many were ended.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        var now = _time.GetUtcNow();
        var query = new IntegrationQuery { Status = IntegrationStatus.PendingExchange, SortBy = IntegrationSortField.CreatedAt, PageSize = IntegrationQuery.MaxPageSize };
        while (true)
        {
            var page = await _store.ListAsync(query, cancellationToken).ConfigureAwait(false);
            var expiredOnPage = 0;
            foreach (var integration in page.Items.Where(i => IsDue(i, now)))
            {
                if ((await ApplyAsync(integration, cancellationToken).ConfigureAwait(false))?.Status != IntegrationStatus.PendingExchange)
                {
                    expiredOnPage++;
                }
            }

            expired += expiredOnPage;
            if (page.Items.Count < query.Take)
            {
                return expired;
            }

            // expired rows leave the filter: read the same page again until it holds none, then the next one
            query = expiredOnPage > 0 ? query : query with { Page = query.Page + 1 };
        }
    }
}
