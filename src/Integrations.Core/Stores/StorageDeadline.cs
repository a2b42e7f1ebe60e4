namespace Integrations.Stores;

/// <summary>
/// The bound on one request's store reads (<see cref="StorageOptions.OperationTimeout"/>, linked to the request's own
/// token), made only when a read needs it: a request accepted on a kept snapshot reads nothing and pays for no timer.
/// </summary>
internal sealed class StorageDeadline(TimeSpan timeout, CancellationToken requestAborted) : IDisposable
{
    private CancellationTokenSource? _bounded;

    /// <summary>The token of the bounded reads (the timer starts at the first read).</summary>
    public CancellationToken Token
    {
        get
        {
            if (timeout == Timeout.InfiniteTimeSpan)
            {
                return requestAborted;
            }

            if (_bounded is null)
            {
                _bounded = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
                _bounded.CancelAfter(timeout);
            }

            return _bounded.Token;
        }
    }

    /// <summary>Whether <paramref name="exception"/> means the stores could not answer (not that the caller gave up).</summary>
    public bool IsStorageFailure(Exception exception) =>
        exception is StorageUnavailableException || (exception is OperationCanceledException && !requestAborted.IsCancellationRequested);

    public void Dispose() => _bounded?.Dispose();
}
