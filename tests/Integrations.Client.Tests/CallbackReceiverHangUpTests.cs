using System.Text;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>The receiver when the shop hangs up while the observers hear of its POST.</summary>
public sealed class CallbackReceiverHangUpTests
{
    private const string Form = "oauth_consumer_key=m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d&oauth_consumer_secret=p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7&store_base_url=https%3A%2F%2F127.0.0.1%3A9%2Fstore%2F&oauth_verifier=v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    /// <summary>An observer that records Received in a slow database: it takes longer than the shop waits, and honours the token.</summary>
    private sealed class SlowOnReceived : IIntegrationConnectionObserver
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            if (connectionEvent.Kind == IntegrationConnectionEventKind.Received)
            {
                Started.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
    }

    [Fact]
    public async Task A_received_event_is_followed_by_an_outcome_even_when_the_shop_hangs_up_while_observers_hear_of_it()
    {
        var slow = new SlowOnReceived();
        await using var app = await ReceiverApp.StartAsync(
            o => o.AllowedStoreBaseUrls.Add(new Uri("https://127.0.0.1:9/store/")),
            services => services.AddSingleton<IIntegrationConnectionObserver>(slow));
        using var http = new HttpClient();
        using var content = new StringContent(Form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var shopGivesUp = new CancellationTokenSource();

        var posting = http.PostAsync(app.CallbackUrl, content, shopGivesUp.Token);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        shopGivesUp.Cancel(); // the shop stops waiting (its own timeout) while the observers hear Received
        var waiting = () => posting;
        await waiting.Should().ThrowAsync<OperationCanceledException>();

        (await app.NextEventAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Received);
        IntegrationConnectionEvent? outcome = null;
        try
        {
            outcome = await app.NextEventAsync();
        }
        catch (OperationCanceledException)
        {
        }

        // IntegrationConnectionEventKind.Received: "a connected, reauthorized or failed event follows"; none did (the
        // observer's cancellation ended the request before the exchange was queued or a failure told)
        outcome.Should().NotBeNull("an observer told Received must hear how the onboarding ended");
        outcome!.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
    }

    /// <summary>An observer that records the failure in a slow database and honours the token.</summary>
    private sealed class SlowOnFailed : IIntegrationConnectionObserver
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            if (connectionEvent.Kind == IntegrationConnectionEventKind.Failed)
            {
                Started.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
        }
    }

    private sealed class Recording : IIntegrationConnectionObserver
    {
        public List<IntegrationConnectionEventKind> Kinds { get; } = [];

        public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            lock (Kinds)
            {
                Kinds.Add(connectionEvent.Kind);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_observer_told_received_hears_the_failure_of_a_refused_queue_even_when_the_shop_hangs_up_meanwhile()
    {
        var slow = new SlowOnFailed();
        var recording = new Recording();
        await using var app = await ReceiverApp.StartAsync(
            o => o.AllowedStoreBaseUrls.Add(new Uri("https://127.0.0.1:9/store/")),
            services => services.AddSingleton<IIntegrationConnectionObserver>(slow).AddSingleton<IIntegrationConnectionObserver>(recording));
        app.Services.GetRequiredService<TokenExchangeQueue>().Close(); // the queue takes no more (503 after Received)
        using var http = new HttpClient();
        using var content = new StringContent(Form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var shopGivesUp = new CancellationTokenSource();

        var posting = http.PostAsync(app.CallbackUrl, content, shopGivesUp.Token);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        shopGivesUp.Cancel(); // the shop stops waiting while the observers hear that its POST was refused
        var waiting = () => posting;
        await waiting.Should().ThrowAsync<OperationCanceledException>();
        for (var waited = 0; waited < 100 && recording.Kinds.Count < 2; waited++)
        {
            await Task.Delay(100);
        }

        lock (recording.Kinds)
        {
            // Received promises "a connected, reauthorized or failed event follows": the refusal (503) was told with the
            // request's token, so the hang-up stopped it before this observer heard it
            recording.Kinds.Should().Equal(IntegrationConnectionEventKind.Received, IntegrationConnectionEventKind.Failed);
        }
    }
}
