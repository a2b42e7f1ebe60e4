using Integrations.Lifecycle;
using Integrations.Notifications;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Cleanup;

/// <summary>
/// Removes expired nonces in the background, with any <see cref="INonceStore"/>: every
/// <see cref="NonceCleanupOptions.Interval"/> it calls <see cref="INonceStore.RemoveExpiredAsync"/> in batches of
/// <see cref="NonceCleanupOptions.BatchSize"/> until a batch comes back short, pausing after each full batch as long as
/// it took (so a large backlog takes at most half of the database's time). Requests never delete nonces (unlike
/// Magento's random cleanup on the request path, which deadlocks under load), and a failed run is logged and retried
/// at the next interval. Each run also ends the token exchanges whose window has passed (<see cref="RemoveExpiredExchangesAsync"/>),
/// so an integration left pending by a process that died goes back to a state the admin can act on.
/// </summary>
internal sealed class NonceCleanupService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly NonceCleanupOptions _options;
    private readonly ILogger<NonceCleanupService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="scopes">Makes one scope per run (stores may be scoped, like an EF Core context).</param>
    /// <param name="time">The clock that says what has expired and paces the runs.</param>
    /// <param name="options">The interval and batch size.</param>
    /// <param name="logger">The logger.</param>
    public NonceCleanupService(IServiceScopeFactory scopes, TimeProvider time, IOptions<NonceCleanupOptions> options, ILogger<NonceCleanupService> logger)
    {
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs one cleanup now: removes every nonce expired at this moment, batch by batch.</summary>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>How many nonces were removed.</returns>
    public async Task<int> RemoveExpiredNoncesAsync(CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<INonceStore>();
            var now = _time.GetUtcNow();
            var total = 0;
            int removed;
            do
            {
                var started = _time.GetTimestamp();
                removed = await store.RemoveExpiredAsync(now, _options.BatchSize, cancellationToken).ConfigureAwait(false);
                total += removed;
                if (removed == _options.BatchSize && _time.GetElapsedTime(started) is { Ticks: > 0 } spent)
                {
                    // as long a pause as the batch took: a backlog of millions is cleared at half the database's pace, not at the expense of the requests
                    await Task.Delay(spent, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            while (removed == _options.BatchSize);

            _logger.ExpiredNoncesRemoved(total);
            return total;
        }
    }

    /// <summary>
    /// Ends every token exchange whose window has passed now: each such integration pending its exchange becomes
    /// Inactive, with a log line and an <see cref="IntegrationEventKind.ExchangeExpired"/> event.
    /// </summary>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>How many exchanges were ended.</returns>
    public async Task<int> RemoveExpiredExchangesAsync(CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var store = services.GetRequiredService<IIntegrationStore>();
            var expiry = new ExchangeExpiry(
                store,
                new IntegrationWriter(store),
                _time,
                services.GetRequiredService<IOptions<IntegrationsOptions>>(),
                services.GetRequiredService<IntegrationEventPublisher>(),
                _logger);
            return await expiry.ExpireDueAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        do
        {
            // each part on its own: a failure of one (a nonce store's defect, say) does not keep exchanges from expiring
            if (await RunAsync(RemoveExpiredNoncesAsync, stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(RemoveExpiredExchangesAsync, stoppingToken).ConfigureAwait(false);
            }
        }
        while (await WaitForNextRunAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs one part of the cleanup; returns <see langword="false"/> when the stores are unavailable (the next part would find them so too).</summary>
    private async Task<bool> RunAsync(Func<CancellationToken, Task<int>> cleanup, CancellationToken stoppingToken)
    {
        try
        {
            await cleanup(stoppingToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException exception)
        {
            _logger.CleanupPostponed(exception.Message, _options.Interval); // an outage: no stack trace every interval
            return false;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.CleanupFailed(exception, _options.Interval);
        }

        return true;
    }

    private static async Task<bool> WaitForNextRunAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
