namespace Integrations.Stores;

/// <summary>
/// The bound on one request's store reads (<see cref="StorageOptions.OperationTimeout"/>, linked to the request's own
/// token), made only when a read needs it: a request accepted on a kept snapshot reads nothing and pays for no timer.
/// Without a bound (<see cref="Timeout.InfiniteTimeSpan"/>, the in-memory stores) it is the request's token and
/// allocates nothing. Copies share the timer.
/// </summary>
internal readonly struct StorageDeadline : IDisposable
{
    private readonly CancellationToken _requestAborted;
    private readonly BoundedReads? _bounded;

    public StorageDeadline(TimeSpan timeout, CancellationToken requestAborted)
    {
        _requestAborted = requestAborted;
        _bounded = timeout == Timeout.InfiniteTimeSpan ? null : new BoundedReads(timeout, requestAborted);
    }

    /// <summary>The token of the bounded reads (the timer starts at the first read).</summary>
    public CancellationToken Token => _bounded?.Token ?? _requestAborted;

    /// <summary>Whether an exception of a store call means the store could not answer (not that the request was aborted).</summary>
    public bool IsStorageFailure(Exception exception) =>
        exception is StorageUnavailableException || (exception is OperationCanceledException && !_requestAborted.IsCancellationRequested);

    /// <inheritdoc />
    public void Dispose() => _bounded?.Dispose();

    /// <summary>The timer, linked to the request's token, made at the first read.</summary>
    private sealed class BoundedReads(TimeSpan timeout, CancellationToken requestAborted) : IDisposable
    {
        private CancellationTokenSource? _source;

        public CancellationToken Token
        {
            get
            {
                if (_source is null)
                {
                    _source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
                    _source.CancelAfter(timeout);
                }

                return _source.Token;
            }
        }

        public void Dispose() => _source?.Dispose();
    }
}
