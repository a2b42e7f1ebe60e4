using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Stores;

/// <summary>
/// Records the nonces of accepted requests. With <see cref="StorageOptions.BatchNonces"/> (group commit), one writer
/// takes every nonce queued at that moment (never waiting for more, so a lone request is written at once) and records
/// them with one <see cref="INonceStore.TryAddAsync"/> call in a store scope of its own, while the next requests queue
/// for the following batch: a burst costs a few statements, commits and connections instead of one per request.
/// Without it each request records its own nonce through its scope's store. Singleton.
/// </summary>
internal sealed class NonceRecorder : IAsyncDisposable
{
    private readonly Channel<PendingNonce> _queue = Channel.CreateUnbounded<PendingNonce>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly StorageOptions _options;
    private readonly Lazy<Task> _writer;

    public NonceRecorder(IServiceScopeFactory scopes, IOptions<StorageOptions> options)
    {
        _scopes = scopes;
        _options = options.Value;
        _writer = new Lazy<Task>(() => Task.Run(WriteBatchesAsync));
    }

    /// <summary>Records one nonce, through <paramref name="store"/> or in the next batch.</summary>
    /// <exception cref="StorageUnavailableException">The store could not answer.</exception>
    public async ValueTask<NonceOutcome> RecordAsync(INonceStore store, NonceRecord record, CancellationToken cancellationToken)
    {
        if (!_options.BatchNonces)
        {
            return (await store.TryAddAsync([record], cancellationToken).ConfigureAwait(false))[0];
        }

        _ = _writer.Value;
        var pending = new PendingNonce(record);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_writer.IsValueCreated)
        {
            await _writer.Value.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingNonce>(_options.MaxNonceBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (batch.Count < _options.MaxNonceBatchSize && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        var stopped = new ObjectDisposedException(nameof(NonceRecorder));
        while (reader.TryRead(out var pending))
        {
            pending.TrySetException(stopped);
        }
    }

    /// <summary>Writes one batch; the same (consumer key, nonce) twice in it is written once, the copies lose to it.</summary>
    private async Task WriteAsync(List<PendingNonce> batch)
    {
        var first = new Dictionary<(string ConsumerKey, string Nonce), int>(batch.Count);
        var records = new List<NonceRecord>(batch.Count);
        var slots = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i].Record;
            if (!first.TryGetValue((record.ConsumerKey, record.Nonce), out var slot))
            {
                slot = records.Count;
                first.Add((record.ConsumerKey, record.Nonce), slot);
                records.Add(record);
            }

            slots[i] = slot;
        }

        IReadOnlyList<NonceOutcome> outcomes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                outcomes = await scope.ServiceProvider.GetRequiredService<INonceStore>().TryAddAsync(records, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            var failure = exception is OperationCanceledException && timeout.IsCancellationRequested && !_stopping.IsCancellationRequested
                ? new StorageUnavailableException($"The nonce store did not answer within {_options.OperationTimeout.TotalSeconds:0.###} s.", exception)
                : exception;
            foreach (var pending in batch)
            {
                pending.TrySetException(failure);
            }

            return;
        }

        var decided = new bool[records.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var slot = slots[i];
            var outcome = outcomes[slot];
            if (decided[slot] && outcome == NonceOutcome.Recorded)
            {
                outcome = NonceOutcome.Used; // a copy of a request already recorded in this batch
            }

            decided[slot] = true;
            batch[i].TrySetResult(outcome);
        }
    }

    /// <summary>A request waiting for its nonce to be written.</summary>
    private sealed class PendingNonce(NonceRecord record) : TaskCompletionSource<NonceOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public NonceRecord Record { get; } = record;
    }
}
