using System.Threading.Channels;
using Integrations.Client.Connections;
using Integrations.Client.Onboarding;
using Integrations.Client.Signing;
using Integrations.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests.Infrastructure;

/// <summary>
/// A third-party ASP.NET Core app built on the client package, on real Kestrel (127.0.0.1): the receiver at
/// <c>/integrations/callback</c>, a typed <see cref="ShopApi"/> signed with the stored connections, and an observer
/// that records the onboarding events.
/// </summary>
public sealed class ReceiverApp : IAsyncDisposable, IIntegrationConnectionObserver
{
    private readonly Channel<IntegrationConnectionEvent> _events = Channel.CreateUnbounded<IntegrationConnectionEvent>();
    private WebApplication _app = null!;

    public Uri CallbackUrl { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>A typed client as an app writes one: every request names the connection it is signed with.</summary>
    public sealed class ShopApi(HttpClient http)
    {
        public async Task<HttpResponseMessage> GetAsync(IntegrationConnection connection, string relativeUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.StoreBaseUrl, relativeUrl)).ForConnection(connection.ConsumerKey);
            return await http.SendAsync(request);
        }
    }

    public static async Task<ReceiverApp> StartAsync(Action<IntegrationsClientOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.Services.AddIntegrationsClient(configure);
        builder.Services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        builder.Services.AddHttpClient<ShopApi>().AddIntegrationsOAuthSigning<IntegrationConnectionCredentialsProvider>();
        var receiver = new ReceiverApp();
        builder.Services.AddSingleton<IIntegrationConnectionObserver>(receiver);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        receiver._app = app;
        app.MapIntegrationsCallback("/integrations/callback");
        await app.StartAsync();
        receiver.CallbackUrl = new Uri(LoopbackApp.AddressOf(app), "integrations/callback");
        return receiver;
    }

    public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken) =>
        _events.Writer.WriteAsync(connectionEvent, cancellationToken).AsTask();

    /// <summary>The next onboarding event (within 10 s).</summary>
    public async Task<IntegrationConnectionEvent> NextEventAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next event that ends an onboarding (connected, reauthorized or failed), skipping <see cref="IntegrationConnectionEventKind.Received"/>.</summary>
    public async Task<IntegrationConnectionEvent> NextOutcomeAsync()
    {
        var next = await NextEventAsync();
        return next.Kind == IntegrationConnectionEventKind.Received ? await NextEventAsync() : next;
    }

    public async Task<IntegrationConnection?> ConnectionAsync(string consumerKey)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIntegrationConnectionStore>().FindAsync(consumerKey, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
