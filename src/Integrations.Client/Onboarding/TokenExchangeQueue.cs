using System.Threading.Channels;

namespace Integrations.Client.Onboarding;

/// <summary>Credentials waiting for their token exchange: the receiver answers the shop at once and queues them here.</summary>
internal sealed class TokenExchangeQueue
{
    private readonly Channel<ReceivedCredentials> _channel = Channel.CreateBounded<ReceivedCredentials>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues credentials; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(ReceivedCredentials credentials) => _channel.Writer.TryWrite(credentials);

    public IAsyncEnumerable<ReceivedCredentials> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Takes no more credentials (the application stops) and returns those still waiting.</summary>
    public IReadOnlyList<ReceivedCredentials> Close()
    {
        _channel.Writer.TryComplete();
        var left = new List<ReceivedCredentials>();
        while (_channel.Reader.TryRead(out var credentials))
        {
            left.Add(credentials);
        }

        return left;
    }
}
