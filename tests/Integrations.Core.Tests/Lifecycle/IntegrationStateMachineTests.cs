using Integrations.Model;

namespace Integrations.Core.Tests.Lifecycle;

public sealed class IntegrationStateMachineTests
{
    private const IntegrationStatus Deleted = (IntegrationStatus)(-1);
    private const IntegrationStatus Rejected = (IntegrationStatus)(-2);

    /// <summary>The whole table: each state × each action, with and without a callback URL.</summary>
    public static TheoryData<IntegrationStatus, IntegrationTrigger, bool, IntegrationStatus> Table => new()
    {
        { IntegrationStatus.Inactive, IntegrationTrigger.Activate, false, IntegrationStatus.Active },
        { IntegrationStatus.Inactive, IntegrationTrigger.Activate, true, IntegrationStatus.PendingExchange },
        { IntegrationStatus.Inactive, IntegrationTrigger.Reauthorize, false, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.Reauthorize, true, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.CompleteExchange, false, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.CompleteExchange, true, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.ExpireExchange, false, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.ExpireExchange, true, Rejected },
        { IntegrationStatus.Inactive, IntegrationTrigger.Delete, false, Deleted },
        { IntegrationStatus.Inactive, IntegrationTrigger.Delete, true, Deleted },
        { IntegrationStatus.Active, IntegrationTrigger.Activate, false, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.Activate, true, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.Reauthorize, false, IntegrationStatus.Active },
        { IntegrationStatus.Active, IntegrationTrigger.Reauthorize, true, IntegrationStatus.PendingExchange },
        { IntegrationStatus.Active, IntegrationTrigger.CompleteExchange, false, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.CompleteExchange, true, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.ExpireExchange, false, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.ExpireExchange, true, Rejected },
        { IntegrationStatus.Active, IntegrationTrigger.Delete, false, Deleted },
        { IntegrationStatus.Active, IntegrationTrigger.Delete, true, Deleted },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Activate, false, IntegrationStatus.Active },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Activate, true, IntegrationStatus.PendingExchange },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Reauthorize, false, Rejected },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Reauthorize, true, Rejected },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.CompleteExchange, false, IntegrationStatus.Active },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.CompleteExchange, true, IntegrationStatus.Active },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.ExpireExchange, false, IntegrationStatus.Inactive },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.ExpireExchange, true, IntegrationStatus.Inactive },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Delete, false, Deleted },
        { IntegrationStatus.PendingExchange, IntegrationTrigger.Delete, true, Deleted },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Transition_follows_the_table(IntegrationStatus from, IntegrationTrigger trigger, bool usesCallback, IntegrationStatus expected)
    {
        var act = () => IntegrationStateMachine.Transition("Acme", from, trigger, usesCallback);

        if (expected == Rejected)
        {
            var error = act.Should().Throw<InvalidIntegrationTransitionException>().Which;
            error.Status.Should().Be(from);
            error.Trigger.Should().Be(trigger);
            error.Message.Should().Contain("'Acme'");
        }
        else
        {
            var transition = act();
            transition.From.Should().Be(from);
            transition.Trigger.Should().Be(trigger);
            transition.Deletes.Should().Be(expected == Deleted);
            transition.To.Should().Be(expected == Deleted ? null : expected);
        }
    }

    [Fact]
    public void The_table_covers_every_state_and_every_action_both_ways()
    {
        var covered = Table.Select(row => ((IntegrationStatus)row[0], (IntegrationTrigger)row[1], (bool)row[2])).ToHashSet();

        var all = from status in Enum.GetValues<IntegrationStatus>()
                  from trigger in Enum.GetValues<IntegrationTrigger>()
                  from callback in new[] { false, true }
                  select (status, trigger, callback);
        covered.Should().BeEquivalentTo(all);
    }

    [Theory]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.Activate, "The integration 'Acme' is already active. Reauthorize it to issue new tokens.")]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.Reauthorize, "The integration 'Acme' is not active. Activate it first.")]
    [InlineData(IntegrationStatus.PendingExchange, IntegrationTrigger.Reauthorize, "The integration 'Acme' is waiting for its token exchange. Activate it again to resend the credentials.")]
    [InlineData(IntegrationStatus.Active, IntegrationTrigger.CompleteExchange, "The integration 'Acme' is not waiting for a token exchange.")]
    [InlineData(IntegrationStatus.Inactive, IntegrationTrigger.ExpireExchange, "The integration 'Acme' has no token exchange to expire.")]
    public void Rejections_say_why(IntegrationStatus from, IntegrationTrigger trigger, string message)
    {
        var act = () => IntegrationStateMachine.Transition("Acme", from, trigger, usesTokenExchange: false);

        act.Should().Throw<InvalidIntegrationTransitionException>().WithMessage(message);
    }
}
