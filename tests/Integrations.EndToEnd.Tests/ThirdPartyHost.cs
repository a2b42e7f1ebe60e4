using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Samples.ThirdParty;
using Microsoft.AspNetCore.Builder;

namespace Integrations.EndToEnd.Tests;

/// <summary>The third-party sample running on real Kestrel on a free 127.0.0.1 port, in the test process or in its own.</summary>
public sealed class ThirdPartyHost : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private readonly bool inOwnProcess;
    private WebApplication? app;
    private SampleProcess? process;

    /// <summary>The sample in the test process.</summary>
    public ThirdPartyHost()
        : this(inOwnProcess: false)
    {
    }

    private ThirdPartyHost(bool inOwnProcess) => this.inOwnProcess = inOwnProcess;

    /// <summary>The sample as a separate operating-system process.</summary>
    public static ThirdPartyHost InOwnProcess() => new(inOwnProcess: true);

    public Uri Address { get; private set; } = null!;

    public Uri CallbackUrl => new(Address, "/integration/callback");

    public Uri IdentityLinkUrl => new(Address, "/integration/identity");

    public async Task InitializeAsync()
    {
        if (inOwnProcess)
        {
            Address = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/");
            process = await SampleProcess.StartThirdPartyAsync(["--urls", Address.GetLeftPart(UriPartial.Authority)]);
        }
        else
        {
            app = ThirdPartyApplication.Create(["--urls", "http://127.0.0.1:0"]);
            await app.StartAsync();
            Address = app.Address();
        }

        http.BaseAddress = Address;
    }

    /// <summary>What the third party knows about its connection to the shop under a consumer key.</summary>
    public async Task<JsonElement?> ConnectionAsync(string consumerKey)
    {
        var all = await http.GetFromJsonAsync<JsonElement>("/integration/connections");
        return all.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("consumerKey").GetString() == consumerKey);
    }

    /// <summary>Waits until the third party finished the exchange whose connection satisfies <paramref name="done"/>.</summary>
    public async Task<JsonElement> WaitForConnectionAsync(string consumerKey, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await ConnectionAsync(consumerKey) is { } connection && done(connection))
            {
                return connection;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The third party did not reach the expected state; last seen: {await ConnectionAsync(consumerKey)}");
    }

    /// <summary>Makes the third party call the shop's API now (a signed GET) with what it holds; returns the shop's status and body.</summary>
    public async Task<(int StatusCode, string Body)> CallShopAsync(string consumerKey)
    {
        var call = await CallShopAsync(consumerKey, "call");
        return (call.GetProperty("statusCode").GetInt32(), call.GetProperty("body").GetString()!);
    }

    /// <summary>Makes the third party call the shop's API now: <c>call</c> (a signed GET) or <c>order</c> (a signed form POST); returns what it recorded.</summary>
    public async Task<JsonElement> CallShopAsync(string consumerKey, string action)
    {
        using var response = await http.PostAsync($"/integration/connections/{consumerKey}/{action}", content: null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }
}
