using System.Net;
using System.Text.Json;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Tests;

/// <summary>One integration's stored secret no longer decrypts: its caller is refused, the others are served, the admin is told.</summary>
public sealed class UnreadableCredentialsTests
{
    private const string Phrase = "The integration's credentials cannot be used. Ask the store's administrator to reauthorize the integration.";

    [Fact]
    public async Task A_corrupted_stored_secret_is_a_401_for_its_caller_an_error_log_naming_the_integration_and_a_reauthorize_repairs_it()
    {
        var logs = new CapturedLogs();
        await using var host = await KestrelHost.StartAsync(b => b.AddShopResources(), ShopEndpoints.Map, s => s.AddSingleton<ILoggerProvider>(logs));
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme"));
        var beta = await host.CreateActiveIntegrationAsync(Draft("Beta"));
        var corrupted = await CorruptConsumerSecretAsync(host, acme.Integration.Id);

        using var refused = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));
        using var served = await new OAuthClient(host, beta.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));

        await refused.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, JsonSerializer.Serialize(new { message = Phrase }), "OAuth realm=\"Integrations\", oauth_problem=\"consumer_key_rejected\"");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error)
            .Which.Message.Should().Contain("'Acme'").And.Contain(acme.Integration.Id.ToString());
        logs.Entries.Should().NotContain(e => e.Text.Contains(acme.Credentials.ConsumerSecret, StringComparison.Ordinal)
            || e.Text.Contains(corrupted.ProtectedConsumerSecret, StringComparison.Ordinal));

        (await host.WithServiceAsync(s => Task.FromResult(s.CredentialsNeedReauthorize(corrupted)))).Should().BeTrue("the admin page says so");
        (await host.WithServiceAsync(s => Task.FromResult(s.CredentialsNeedReauthorize(beta.Integration)))).Should().BeFalse();
        var reveal = () => host.WithServiceAsync(s => s.RevealCredentialsAsync(acme.Integration.Id, TestAdminPasswordVerifier.Admin));
        (await reveal.Should().ThrowAsync<IntegrationException>()).Which.Message.Should().Contain("Acme").And.Contain("Reauthorize");

        var repaired = await host.WithServiceAsync(s => s.ReauthorizeAsync(acme.Integration.Id));
        repaired.Credentials.ConsumerKey.Should().Be(acme.Credentials.ConsumerKey, "the consumer key is kept");
        repaired.Credentials.ConsumerSecret.Should().NotBe(acme.Credentials.ConsumerSecret, "the unreadable consumer secret is replaced");
        (await host.WithServiceAsync(s => Task.FromResult(s.CredentialsNeedReauthorize(repaired.Integration)))).Should().BeFalse();
        using var again = await new OAuthClient(host, repaired.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static IntegrationDraft Draft(string name)
    {
        var draft = new IntegrationDraft { Name = name, ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        return draft;
    }

    /// <summary>Flips one character of the stored ciphertext (the key id stays): AES-GCM's tag no longer matches.</summary>
    private static async Task<Integration> CorruptConsumerSecretAsync(KestrelHost host, Guid id)
    {
        var store = host.Services.GetRequiredService<IIntegrationStore>();
        var stored = (await store.FindByIdAsync(id, default))!;
        var secret = stored.ProtectedConsumerSecret;
        var flipped = secret[..^3] + (secret[^3] == 'A' ? 'B' : 'A') + secret[^2..];
        var corrupted = stored with { ProtectedConsumerSecret = flipped, ConcurrencyToken = Guid.NewGuid().ToString("N") };
        await store.UpdateAsync(corrupted, stored.ConcurrencyToken, default);
        return corrupted;
    }
}
