using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Stores;

/// <summary>
/// Records the nonces of accepted requests. With <see cref="StorageOptions.BatchNonces"/> (group commit), one writer
/// takes every nonce queued at that moment (never waiting for more, so a lone request is written at once) and records
/// them with one <see cref="INonceStore.TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/> call in a store scope of its own (kept while batches follow one
/// another), while the next requests queue for the following batch: a burst costs a few statements and commits and one
/// connection instead of one each per request.
/// Without it each request records its own nonce through its scope's store. Singleton.
/// </summary>
internal sealed class NonceRecorder : IAsyncDisposable, IDisposable
{
    /// <summary>The most batches the writer sends through one store scope before it takes a fresh one.</summary>
    private const int ScopeBatches = 10_000;

    /// <summary>How long the writer keeps its store scope while no nonce is queued.</summary>
    private static readonly TimeSpan ScopeIdleTime = TimeSpan.FromSeconds(1);

    private readonly Channel<PendingNonce> _queue = Channel.CreateUnbounded<PendingNonce>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly StorageOptions _options;
    private readonly Lazy<Task> _writer;

    public NonceRecorder(IServiceScopeFactory scopes, IOptions<StorageOptions> options)
    {
        _scopes = scopes;
        _options = options.Value;
        _writer = new Lazy<Task>(StartWriter);
    }

    /// <summary>
    /// Starts the writer without the context of the request that queued the first nonce: its ambient transaction (a
    /// host's <c>TransactionScope</c>) and its trace must not become the writer's for good.
    /// </summary>
    private Task StartWriter()
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(WriteBatchesAsync);
        }
    }

    /// <summary>Whether the writer was started (by the first nonce queued).</summary>
    internal bool WriterStarted => _writer.IsValueCreated;

    /// <summary>
    /// Records one nonce, through the scope's nonce store (<paramref name="stores"/>) within the request's <paramref name="deadline"/>, or in the
    /// next batch, which the writer bounds itself: a batch gets <see cref="StorageOptions.OperationTimeout"/>, and a
    /// nonce that waited that long in the queue is refused as unavailable without being written.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The store could not answer.</exception>
    public ValueTask<NonceOutcome> RecordAsync(ScopedStores stores, NonceRecord record, StorageDeadline deadline)
    {
        if (!_options.BatchNonces)
        {
            return stores.Nonces.TryAddAsync(record, deadline.Token);
        }

        var pending = new PendingNonce(record, Stopwatch.GetTimestamp());
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        _ = _writer.Value; // started by the first nonce queued (after disposal none is)
        return new ValueTask<NonceOutcome>(pending.Task);
    }

    /// <summary>
    /// Stops the writer; the nonces still queued are answered <see cref="ObjectDisposedException"/>. Safe to call
    /// several times. <c>_stopping</c> stays undisposed (it has no timer): a writer started by a nonce queued just
    /// before (a race with this call) must find it cancelled, not disposed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_writer.IsValueCreated)
        {
            await _writer.Value.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Stops the writer without waiting for it (a container disposed synchronously): it answers the nonces still
    /// queued <see cref="ObjectDisposedException"/> as it ends.
    /// </summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    /// <summary>
    /// The writer: one batch at a time. While batches follow one another (less than <see cref="ScopeIdleTime"/> apart)
    /// it keeps its store scope: for a database, one context and one open connection, kept warm instead of taken from
    /// and given back to the pool (and reset) per batch. It gives the scope back when the queue stays empty that long,
    /// after a failure, and every <see cref="ScopeBatches"/> batches.
    /// </summary>
    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingNonce>(_options.MaxNonceBatchSize);
        var reader = _queue.Reader;
        AsyncServiceScope? scope = null;
        var batchesInScope = 0;
        try
        {
            while (true)
            {
                try
                {
                    if (scope is { } kept && !await WaitBrieflyAsync(reader).ConfigureAwait(false))
                    {
                        await DisposeQuietlyAsync(kept).ConfigureAwait(false);
                        scope = null;
                        batchesInScope = 0;
                    }

                    var waiting = reader.WaitToReadAsync(_stopping.Token);
                    if (!waiting.IsCompleted)
                    {
                        if (!await waiting.ConfigureAwait(false))
                        {
                            break;
                        }

                        // woken by a first nonce: no delay, but behind the requests already running on the thread pool,
                        // so their nonces join this batch (nonces queued during the previous batch are taken at once)
                        await Task.Yield();
                    }
                    else if (!waiting.Result)
                    {
                        break;
                    }

                    while (batch.Count < _options.MaxNonceBatchSize && reader.TryRead(out var pending))
                    {
                        if (!WaitedTooLong(pending))
                        {
                            batch.Add(pending);
                        }
                        else
                        {
                            Answer([pending], outcomes: null, new StorageUnavailableException($"The nonce store did not answer within {_options.OperationTimeout.TotalSeconds:0.###} s."));
                        }
                    }

                    if (batch.Count == 0)
                    {
                        continue;
                    }

                    scope ??= _scopes.CreateAsyncScope();
                    var written = await WriteAsync(batch, scope.Value).ConfigureAwait(false);
                    batch.Clear();
                    if (!written || ++batchesInScope == ScopeBatches)
                    {
                        await DisposeQuietlyAsync(scope.Value).ConfigureAwait(false);
                        scope = null;
                        batchesInScope = 0;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    // a fault of the writer itself (a store's failure is answered in WriteAsync): the requests in hand get
                    // it, and the writer goes on with a fresh scope rather than leave every later request waiting
                    Answer([.. batch], outcomes: null, exception);
                    batch.Clear();
                    if (scope is { } faulted)
                    {
                        await DisposeQuietlyAsync(faulted).ConfigureAwait(false);
                        scope = null;
                        batchesInScope = 0;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            if (scope is { } open)
            {
                await DisposeQuietlyAsync(open).ConfigureAwait(false);
            }
        }

        var stopped = new List<PendingNonce>();
        while (reader.TryRead(out var pending))
        {
            stopped.Add(pending);
        }

        Answer([.. stopped], outcomes: null, new ObjectDisposedException(nameof(NonceRecorder)));
    }

    /// <summary>
    /// Gives a store scope back; a failure there (closing a connection the server broke) must not stop the writer,
    /// whose next batch takes a fresh scope.
    /// </summary>
    private static async ValueTask DisposeQuietlyAsync(AsyncServiceScope scope)
    {
        try
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the writer outlives any failure of one scope
        }
    }

    /// <summary>Whether a nonce waited in the queue as long as a store call may take (never, without a bound: <see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    private bool WaitedTooLong(PendingNonce pending) =>
        _options.OperationTimeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(pending.Enqueued) >= _options.OperationTimeout;

    /// <summary>Whether a nonce is queued now or within <see cref="ScopeIdleTime"/>.</summary>
    private async ValueTask<bool> WaitBrieflyAsync(ChannelReader<PendingNonce> reader)
    {
        if (reader.TryPeek(out _))
        {
            return true;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        idle.CancelAfter(ScopeIdleTime);
        try
        {
            return await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes one batch through the scope's store; the same (consumer key, nonce) twice in it is written once, the
    /// copies lose to it. Returns whether the store answered.
    /// </summary>
    private async Task<bool> WriteAsync(List<PendingNonce> batch, AsyncServiceScope scope)
    {
        var first = new Dictionary<(string ConsumerKey, string Nonce), int>(batch.Count);
        var records = new List<NonceRecord>(batch.Count);
        var slots = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i].Record;
            var pair = (record.ConsumerKey, record.Nonce.ToString());
            if (!first.TryGetValue(pair, out var slot))
            {
                slot = records.Count;
                first.Add(pair, slot);
                records.Add(new NonceRecord(record.ConsumerKey, pair.Item2, record.ExpiresAt, record.IntegrationConcurrencyToken)); // the store's own Nonce.ToString() is then this string, not a copy
            }

            slots[i] = slot;
        }

        IReadOnlyList<NonceOutcome> outcomes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            outcomes = await scope.ServiceProvider.GetRequiredService<INonceStore>().TryAddAsync(records, timeout.Token).ConfigureAwait(false);
            if (outcomes.Count != records.Count)
            {
                throw new InvalidOperationException($"The nonce store answered {outcomes.Count} outcomes for {records.Count} records.");
            }
        }
        catch (Exception exception)
        {
            var failure = exception is OperationCanceledException && timeout.IsCancellationRequested && !_stopping.IsCancellationRequested
                ? new StorageUnavailableException($"The nonce store did not answer within {_options.OperationTimeout.TotalSeconds:0.###} s.", exception)
                : exception;
            Answer([.. batch], outcomes: null, failure);
            return false;
        }

        var decided = new bool[records.Count];
        var answers = new NonceOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var slot = slots[i];
            var outcome = outcomes[slot];
            if (decided[slot] && outcome == NonceOutcome.Recorded)
            {
                outcome = NonceOutcome.Used; // a copy of a request already recorded in this batch
            }

            decided[slot] = true;
            answers[i] = outcome;
        }

        Answer([.. batch], answers, failure: null);
        return true;
    }

    /// <summary>
    /// Answers waiting requests from one thread-pool work item: their continuations run there one after another,
    /// instead of one work item (and often one thread wake-up) each, and the writer goes on with the next batch.
    /// </summary>
    private static void Answer(PendingNonce[] pending, NonceOutcome[]? outcomes, Exception? failure)
    {
        if (pending.Length == 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static answer =>
            {
                for (var i = 0; i < answer.Pending.Length; i++)
                {
                    if (answer.Outcomes is { } outcomes)
                    {
                        answer.Pending[i].TrySetResult(outcomes[i]);
                    }
                    else
                    {
                        answer.Pending[i].TrySetException(answer.Failure!);
                    }
                }
            },
            (Pending: pending, Outcomes: outcomes, Failure: failure),
            preferLocal: false);
    }

    /// <summary>A request waiting for its nonce to be written; its continuation runs where it is answered (<see cref="Answer"/>).</summary>
    private sealed class PendingNonce(NonceRecord record, long enqueued) : TaskCompletionSource<NonceOutcome>
    {
        public NonceRecord Record { get; } = record;

        /// <summary>When it was queued (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long Enqueued { get; } = enqueued;
    }
}
