using Integrations.Activation;
using Integrations.Handshake.Tests.Support;
using Integrations.Model;
using Integrations.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Handshake.Tests.Notifications;

public sealed class NotificationTests
{
    [Fact]
    public async Task Activation_reauthorization_and_deletion_are_told_to_the_subscribers()
    {
        await using var fixture = new HandshakeFixture();
        await using var thirdParty = await ThirdPartyListener.StartAsync();
        var direct = await fixture.CreateAsync(name: "Direct");
        var exchanged = await fixture.CreateAsync(thirdParty.CallbackUrl, name: "Exchanged");

        await fixture.ActivateAsync(direct.Id);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await fixture.ReauthorizeAsync(direct.Id);
        await fixture.ActivateAsync(exchanged.Id);
        await fixture.AdminAsync(async service =>
        {
            await service.DeleteAsync(direct.Id, HandshakeFixture.Admin);
            return true;
        });

        var start = fixture.Time.GetUtcNow();
        fixture.Events.Should().Equal(
            new IntegrationEvent(IntegrationEventKind.Activated, direct.Id, "Direct", "ops@acme.example", IntegrationStatus.Active, IntegrationSetupType.Manual, start.AddMinutes(-1)),
            new IntegrationEvent(IntegrationEventKind.Reauthorized, direct.Id, "Direct", "ops@acme.example", IntegrationStatus.Active, IntegrationSetupType.Manual, start),
            new IntegrationEvent(IntegrationEventKind.Activated, exchanged.Id, "Exchanged", "ops@acme.example", IntegrationStatus.PendingExchange, IntegrationSetupType.Manual, start),
            new IntegrationEvent(IntegrationEventKind.Deleted, direct.Id, "Direct", "ops@acme.example", IntegrationStatus.Active, IntegrationSetupType.Manual, start, "admin"));
        fixture.Events.ElementAt(2).ExchangePending.Should().BeTrue();
    }

    [Fact]
    public async Task A_failing_subscriber_is_logged_and_neither_fails_the_action_nor_stops_the_others()
    {
        await using var fixture = new HandshakeFixture(configure: builder => builder.AddEventSubscriber<FailingSubscriber>());
        var created = await fixture.CreateAsync();

        var result = await fixture.ActivateAsync(created.Id);

        result.Integration.Status.Should().Be(IntegrationStatus.Active);
        fixture.Events.Should().ContainSingle().Which.Kind.Should().Be(IntegrationEventKind.Activated);
        await using var scope = fixture.Provider.CreateAsyncScope();
        scope.ServiceProvider.GetServices<IIntegrationEventSubscriber>().First().Should().BeOfType<FailingSubscriber>("it ran first");
        var logged = fixture.Logs.Entries.Should().ContainSingle(e => e.EventId == 5100).Subject;
        logged.Level.Should().Be(LogLevel.Error);
        logged.Message.Should().Contain(typeof(FailingSubscriber).FullName).And.Contain("Activated").And.Contain(created.Id.ToString());
        logged.Exception!.Message.Should().Be("The mail server is down.");
    }

    [Fact]
    public async Task A_subscriber_that_cannot_be_constructed_is_logged_and_fails_no_action()
    {
        await using var fixture = new HandshakeFixture(configure: builder => builder.AddEventSubscriber<UnconstructableSubscriber>());
        var created = await fixture.CreateAsync();

        var result = await fixture.ActivateAsync(created.Id);

        result.Integration.Status.Should().Be(IntegrationStatus.Active, "resolving the integration service built every subscriber, and this one threw");
        var logged = fixture.Logs.Entries.Should().ContainSingle(e => e.EventId == 5101).Subject;
        logged.Level.Should().Be(LogLevel.Error);
        logged.Message.Should().Contain("Activated").And.Contain(created.Id.ToString());
        logged.Exception!.ToString().Should().Contain("The mail server is down.");
    }

    [Fact]
    public async Task A_failed_activation_tells_nobody()
    {
        await using var fixture = new HandshakeFixture();
        await using var thirdParty = await ThirdPartyListener.AnsweringAsync(500);
        var created = await fixture.CreateAsync(thirdParty.CallbackUrl);

        var act = () => fixture.ActivateAsync(created.Id);

        await act.Should().ThrowAsync<CallbackPostException>();
        fixture.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Events_carry_no_credential()
    {
        await using var fixture = new HandshakeFixture();
        var created = await fixture.CreateAsync();
        var credentials = (await fixture.ActivateAsync(created.Id)).Credentials;

        var text = fixture.Events.Single().ToString();

        text.Should().Contain(created.Id.ToString());
        foreach (var value in new[] { credentials.ConsumerKey, credentials.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret! })
        {
            text.Should().NotContain(value);
        }

        typeof(IntegrationEvent).GetProperties().Select(p => p.PropertyType).Should().NotContain(typeof(Integration));
    }

    private sealed class UnconstructableSubscriber : IIntegrationEventSubscriber
    {
        public UnconstructableSubscriber() => throw new InvalidOperationException("The mail server is down.");

        public ValueTask HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class FailingSubscriber : IIntegrationEventSubscriber
    {
        public ValueTask HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The mail server is down.");
    }
}
