using Integrations.Model;
using Integrations.Storage.InMemory;
using Integrations.Stores;

namespace Integrations.Core.Tests.Stores;

/// <summary>
/// The one write path of the integration aggregate: the state machine decides every change of status (whatever service
/// asks: the admin's, the token exchange, the reconciler, the expiry), and every save is a compare-and-swap on the stamp
/// the change was decided on.
/// </summary>
public sealed class IntegrationWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private readonly InMemoryIntegrationStore _store = new(new InMemoryNonceStore(TimeProvider.System));
    private readonly IntegrationWriter _writer;

    public IntegrationWriterTests() => _writer = new IntegrationWriter(_store);

    [Fact]
    public async Task A_change_is_saved_with_a_new_stamp_and_a_change_decided_on_an_old_stamp_is_refused_without_effect()
    {
        var created = await _writer.CreateAsync(New(), CancellationToken.None);
        var renamed = await _writer.SaveAsync(created, null, created with { Email = "new@acme.example" }, CancellationToken.None);

        renamed.ConcurrencyToken.Should().NotBe(created.ConcurrencyToken);
        var stale = () => _writer.SaveAsync(created, null, created with { Email = "stale@acme.example" }, CancellationToken.None);
        await stale.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await _store.FindByIdAsync(created.Id, CancellationToken.None)).Should().Be(renamed);
    }

    [Fact]
    public async Task A_new_integration_is_stored_inactive_with_its_first_stamp_and_never_in_another_state()
    {
        var created = await _writer.CreateAsync(New(), CancellationToken.None);
        var active = () => _writer.CreateAsync(New() with { Status = IntegrationStatus.Active }, CancellationToken.None);

        created.ConcurrencyToken.Should().NotBeNullOrEmpty();
        (await _store.FindByIdAsync(created.Id, CancellationToken.None)).Should().Be(created);
        await active.Should().ThrowAsync<InvalidOperationException>();
    }

    [Theory]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.CompleteExchange, IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.Reauthorize, IntegrationStatus.PendingExchange)]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.Activate, IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.ExpireExchange, IntegrationStatus.Inactive)]
    public async Task A_trigger_the_state_machine_does_not_allow_in_the_current_state_is_refused_and_nothing_is_stored(IntegrationStatus from, IntegrationTrigger trigger, IntegrationStatus to)
    {
        var stored = await StoredAsync(from, callbackUrl: "https://erp.example/callback");

        var save = () => _writer.SaveAsync(stored, trigger, stored with { Status = to }, CancellationToken.None);

        (await save.Should().ThrowAsync<InvalidIntegrationTransitionException>()).Which.Trigger.Should().Be(trigger);
        (await _store.FindByIdAsync(stored.Id, CancellationToken.None)).Should().Be(stored);
    }

    [Fact]
    public async Task A_change_of_status_without_its_trigger_or_to_another_status_than_the_triggers_is_refused_and_nothing_is_stored()
    {
        var stored = await StoredAsync(IntegrationStatus.Inactive, callbackUrl: null);

        var withoutTrigger = () => _writer.SaveAsync(stored, null, stored with { Status = IntegrationStatus.Active }, CancellationToken.None);
        var elsewhere = () => _writer.SaveAsync(stored, IntegrationTrigger.Activate, stored with { Status = IntegrationStatus.PendingExchange }, CancellationToken.None);

        await withoutTrigger.Should().ThrowAsync<InvalidOperationException>();
        await elsewhere.Should().ThrowAsync<InvalidOperationException>();
        (await _store.FindByIdAsync(stored.Id, CancellationToken.None)).Should().Be(stored);
    }

    [Theory]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.Activate, null, IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.Activate, "https://erp.example/callback", IntegrationStatus.PendingExchange)]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.Reauthorize, "https://erp.example/callback", IntegrationStatus.PendingExchange)]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.Reauthorize, "https://erp.example/callback", IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.PendingExchange, IntegrationTrigger.CompleteExchange, "https://erp.example/callback", IntegrationStatus.Active)]
    [InlineData(IntegrationStatus.PendingExchange, IntegrationTrigger.ExpireExchange, "https://erp.example/callback", IntegrationStatus.Inactive)]
    public async Task An_allowed_trigger_saves_the_status_it_leads_to_or_keeps_the_current_one_for_a_step_of_it(IntegrationStatus from, IntegrationTrigger trigger, string? callbackUrl, IntegrationStatus to)
    {
        var stored = await StoredAsync(from, callbackUrl);

        var saved = await _writer.SaveAsync(stored, trigger, stored with { Status = to }, CancellationToken.None);

        (await _store.FindByIdAsync(stored.Id, CancellationToken.None)).Should().Be(saved).And.Match<Integration>(i => i.Status == to);
    }

    [Fact]
    public async Task A_deletion_is_the_state_machines_delete_on_the_stamp_the_integration_was_read_with()
    {
        var created = await _writer.CreateAsync(New(), CancellationToken.None);
        var edited = await _writer.SaveAsync(created, null, created with { Email = "new@acme.example" }, CancellationToken.None);

        var stale = () => _writer.DeleteAsync(created, CancellationToken.None);
        var asTrigger = () => _writer.SaveAsync(edited, IntegrationTrigger.Delete, edited, CancellationToken.None);

        await stale.Should().ThrowAsync<IntegrationConcurrencyException>();
        await asTrigger.Should().ThrowAsync<InvalidOperationException>();
        await _writer.DeleteAsync(edited, CancellationToken.None);
        (await _store.FindByIdAsync(created.Id, CancellationToken.None)).Should().BeNull();
    }

    private static Integration New(string? callbackUrl = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = $"Acme {Guid.NewGuid():N}",
        Email = "ops@acme.example",
        CallbackUrl = callbackUrl is null ? null : new Uri(callbackUrl),
        CreatedAt = Now,
        UpdatedAt = Now,
        ConcurrencyToken = string.Empty,
        ConsumerKey = Guid.NewGuid().ToString("N"),
        ProtectedConsumerSecret = "protected",
        Status = IntegrationStatus.Inactive,
    };

    /// <summary>An integration stored in a given state, reached through the writer as any service reaches it (activated without a callback URL, then given one, for an active one).</summary>
    private async Task<Integration> StoredAsync(IntegrationStatus status, string? callbackUrl)
    {
        var integration = await _writer.CreateAsync(New(status == IntegrationStatus.Active ? null : callbackUrl), CancellationToken.None);
        if (status == IntegrationStatus.Inactive)
        {
            return integration;
        }

        var activated = await _writer.SaveAsync(integration, IntegrationTrigger.Activate, integration with { Status = status }, CancellationToken.None);
        return status == IntegrationStatus.Active && callbackUrl is not null
            ? await _writer.SaveAsync(activated, null, activated with { CallbackUrl = new Uri(callbackUrl) }, CancellationToken.None)
            : activated;
    }
}
