using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Handshake.Tests.Support;

/// <summary>
/// The third party: a real Kestrel server on 127.0.0.1 (free port) with the callback URL that receives the
/// credentials POST. What it does with a POST (and which status it answers) is up to each test.
/// </summary>
internal sealed class ThirdPartyListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly Func<ReceivedCallback, CancellationToken, Task<int>> _onPost;

    private ThirdPartyListener(Func<ReceivedCallback, CancellationToken, Task<int>> onPost)
    {
        _onPost = onPost;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/magento/callback", ReceiveAsync);
        _app.MapPost("/magento/moved", context =>
        {
            context.Response.Redirect("/magento/callback");
            return Task.CompletedTask;
        });
    }

    /// <summary>The listener's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The callback URL to give the integration.</summary>
    public Uri CallbackUrl => new(BaseAddress, "/magento/callback");

    /// <summary>A URL that answers 302 towards <see cref="CallbackUrl"/>.</summary>
    public Uri RedirectingUrl => new(BaseAddress, "/magento/moved");

    /// <summary>Every request received on <see cref="CallbackUrl"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

    /// <summary>Starts a listener that answers every POST with what <paramref name="onPost"/> returns (200 by default).</summary>
    public static async Task<ThirdPartyListener> StartAsync(Func<ReceivedCallback, CancellationToken, Task<int>>? onPost = null)
    {
        var listener = new ThirdPartyListener(onPost ?? ((_, _) => Task.FromResult(StatusCodes.Status200OK)));
        await listener._app.StartAsync();
        var address = listener._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        listener.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return listener;
    }

    /// <summary>Starts a listener that answers every POST with <paramref name="status"/>.</summary>
    public static Task<ThirdPartyListener> AnsweringAsync(int status) => StartAsync((_, _) => Task.FromResult(status));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var received = new ReceivedCallback(context.Request.Method, context.Request.ContentType, await reader.ReadToEndAsync(context.RequestAborted));
        _received.Enqueue(received);
        try
        {
            context.Response.StatusCode = await _onPost(received, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The store gave up waiting (timeout test): nothing to answer.
        }
    }
}
