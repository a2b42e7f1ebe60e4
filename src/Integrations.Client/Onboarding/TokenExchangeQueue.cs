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
}
