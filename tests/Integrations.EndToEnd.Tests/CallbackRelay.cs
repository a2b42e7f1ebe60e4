using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A callback URL between the shop and the third party, on real Kestrel on 127.0.0.1: it passes the credentials POST
/// on to the third party, or holds it without answering (a slow callback), or accepts it without passing it on (the
/// third party never starts the exchange), as the test says.
/// </summary>
public sealed class CallbackRelay : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient forward = new();
    private readonly Uri target;
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallbackRelay(Uri target)
    {
        this.target = target;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/callback", ReceiveAsync);
    }

    /// <summary>What the relay does with the next POSTs.</summary>
    public RelayMode Mode { get; set; } = RelayMode.Pass;

    /// <summary>The callback URL to give the integration.</summary>
    public Uri CallbackUrl { get; private set; } = null!;

    /// <summary>Completes when a POST is being held (<see cref="RelayMode.Hold"/>).</summary>
    public Task Held => held.Task;

    public static async Task<CallbackRelay> StartAsync(Uri target)
    {
        var relay = new CallbackRelay(target);
        await relay.app.StartAsync();
        relay.CallbackUrl = new Uri(new Uri(relay.app.Urls.Single()), "/callback");
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        forward.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        switch (Mode)
        {
            case RelayMode.Hold:
                held.TrySetResult();
                held = new(TaskCreationOptions.RunContinuationsAsynchronously);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case RelayMode.AcceptOnly:
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            default:
                using (var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))
                using (var answer = await forward.PostAsync(target, content, context.RequestAborted))
                {
                    context.Response.StatusCode = (int)answer.StatusCode;
                }

                return;
        }
    }
}

/// <summary>What a <see cref="CallbackRelay"/> does with a POST.</summary>
public enum RelayMode
{
    /// <summary>Passes it on to the third party and answers as it answers.</summary>
    Pass,

    /// <summary>Never answers (until the shop gives up or dies).</summary>
    Hold,

    /// <summary>Answers 200 without passing it on: the third party never hears of the new credentials.</summary>
    AcceptOnly,
}
