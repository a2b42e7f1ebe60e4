using Integrations.Cleanup;
using Integrations.Handshake.Tests.Support;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Integrations.Handshake.Tests.Exchange;

/// <summary>
/// The exchange window ends from the stored start time alone: nothing in the process that started the exchange has to
/// be alive. The "dead process" here is the state it left in the store, with no further call into it.
/// </summary>
public sealed class ExchangeExpiryTests : IAsyncLifetime
{
    private readonly HandshakeFixture fixture = new(configure: builder => builder.AddNonceCleanup());

    private NonceCleanupService Cleanup => fixture.Provider.GetServices<IHostedService>().OfType<NonceCleanupService>().Single();

    [Fact]
    public async Task A_pending_exchange_whose_window_passed_is_Inactive_when_read_with_an_event_and_a_log_line_and_can_be_activated_again()
    {
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(200);
        var pending = await PendingExchange.StartAsync(fixture, thirdParty);
        fixture.Time.Advance(IntegrationsOptionsDefaults.Window - TimeSpan.FromSeconds(1));
        (await fixture.GetAsync(pending.Integration.Id))!.Status.Should().Be(IntegrationStatus.PendingExchange, "the window is still open");

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var read = await fixture.GetAsync(pending.Integration.Id);

        read!.Status.Should().Be(IntegrationStatus.Inactive);
        read.Token.Should().BeNull();
        read.VerifierHash.Should().BeNull();
        read.ExchangeStartedAt.Should().BeNull();
        (await fixture.Store.FindByIdAsync(read.Id, default))!.Status.Should().Be(IntegrationStatus.Inactive, "the expiry is stored");
        fixture.Events.Should().ContainSingle(e => e.Kind == IntegrationEventKind.ExchangeExpired && e.IntegrationId == read.Id && e.Status == IntegrationStatus.Inactive);
        fixture.Logs.Entries.Should().ContainSingle(e => e.EventId == 1006 && e.Level == LogLevel.Warning && e.Message.Contains("Acme ERP", StringComparison.Ordinal));
        (await fixture.ActivateAsync(read.Id)).Integration.Status.Should().Be(IntegrationStatus.PendingExchange, "the admin can activate it again");
    }

    [Fact]
    public async Task The_cleanup_service_ends_expired_exchanges_without_anyone_reading_them()
    {
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(200);
        var expiring = await PendingExchange.StartAsync(fixture, thirdParty, "Expiring");
        fixture.Time.Advance(TimeSpan.FromSeconds(200));
        var recent = await PendingExchange.StartAsync(fixture, thirdParty, "Recent");
        (await Cleanup.RemoveExpiredExchangesAsync(default)).Should().Be(0);

        fixture.Time.Advance(TimeSpan.FromSeconds(100));
        var removed = await Cleanup.RemoveExpiredExchangesAsync(default);

        removed.Should().Be(1);
        (await fixture.Store.FindByIdAsync(expiring.Integration.Id, default))!.Status.Should().Be(IntegrationStatus.Inactive);
        (await fixture.Store.FindByIdAsync(recent.Integration.Id, default))!.Status.Should().Be(IntegrationStatus.PendingExchange);
        fixture.Events.Where(e => e.Kind == IntegrationEventKind.ExchangeExpired).Select(e => e.Name).Should().Equal("Expiring");
        fixture.Logs.Entries.Where(e => e.EventId == 1006).Should().ContainSingle();
        (await Cleanup.RemoveExpiredExchangesAsync(default)).Should().Be(0, "an expiry is applied once");
    }

    [Fact]
    public async Task A_reauthorize_whose_process_died_during_the_callback_leaves_the_access_token_working_and_expires_to_Active()
    {
        var created = await fixture.CreateAsync();
        var active = (await fixture.ActivateAsync(created.Id)).Integration;
        // what a reauthorize claims before its POST, in a process that then died: a verifier, the window started, the token kept
        var claimed = active with
        {
            VerifierHash = CredentialHasher.Hash(CredentialGenerator.Create()),
            ExchangeStartedAt = fixture.Time.GetUtcNow(),
            CallbackUrl = new Uri("https://third-party.example/callback"),
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
        };
        await fixture.Store.UpdateAsync(claimed, active.ConcurrencyToken, default);
        fixture.Time.Advance(IntegrationsOptionsDefaults.Window);

        var read = await fixture.GetAsync(created.Id);

        read!.Status.Should().Be(IntegrationStatus.Active);
        read.Token.Should().Be(active.Token, "the access token was never revoked");
        read.VerifierHash.Should().BeNull();
        read.ExchangeStartedAt.Should().BeNull();
        fixture.Events.Should().ContainSingle(e => e.Kind == IntegrationEventKind.ExchangeExpired && e.Status == IntegrationStatus.Active);
    }

    [Fact]
    public async Task Exchanges_expire_in_the_background_even_while_the_nonce_removal_keeps_failing()
    {
        var failingNonces = Substitute.For<INonceStore>();
#pragma warning disable CA2012 // NSubstitute arranges the call; nothing awaits this ValueTask
        failingNonces.RemoveExpiredAsync(default, default, default).ReturnsForAnyArgs<ValueTask<int>>(_ => throw new InvalidOperationException("a defect of the nonce store"));
#pragma warning restore CA2012
        await using var failing = new HandshakeFixture(configure: builder => builder.AddNonceCleanup().Services.AddSingleton(failingNonces));
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(200);
        var expiring = await PendingExchange.StartAsync(failing, thirdParty);
        failing.Time.Advance(IntegrationsOptionsDefaults.Window);
        var cleanup = failing.Provider.GetServices<IHostedService>().OfType<NonceCleanupService>().Single();

        await cleanup.StartAsync(default); // its first round runs at once: the nonce removal fails, then the exchanges (skipped before)
        try
        {
            var stored = await WaitForAsync(() => failing.Store.FindByIdAsync(expiring.Integration.Id, default).AsTask(), i => i!.Status == IntegrationStatus.Inactive);

            stored!.Status.Should().Be(IntegrationStatus.Inactive);
            failing.Logs.Entries.Should().Contain(e => e.EventId == 6001 && e.Exception!.Message == "a defect of the nonce store");
        }
        finally
        {
            await cleanup.StopAsync(default);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Reads until <paramref name="done"/> holds (the background service runs on its own), for at most about 10 s.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var attempt = 0; attempt < 200 && !done(value); attempt++)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();
}
