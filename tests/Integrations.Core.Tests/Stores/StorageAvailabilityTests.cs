using System.Collections.Concurrent;
using Integrations.Core.Tests.Diagnostics;
using Integrations.Stores;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.Stores;

/// <summary>Decision 13: one warning when an outage starts, one information line when it ends, in that order.</summary>
public sealed class StorageAvailabilityTests : IDisposable
{
    private readonly RecordedMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task A_recovery_seen_while_the_outage_is_being_logged_is_logged_after_it()
    {
        using var warningEntered = new ManualResetEventSlim();
        using var answered = new ManualResetEventSlim();
        var logger = new GatedLogger(() =>
        {
            warningEntered.Set();
            answered.Wait(TimeSpan.FromSeconds(5)); // the writing thread is preempted here, between the state change and the line
        });
        var availability = new StorageAvailability(TimeProvider.System, _metrics.Metrics, logger);

        var refusing = Task.Factory.StartNew(() => availability.Refused(new StorageUnavailableException("The database is unavailable.")), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        warningEntered.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue();
        availability.Answered(); // a concurrent request the store answered
        answered.Set();
        await refusing;

        logger.Levels.Should().Equal([LogLevel.Warning, LogLevel.Information], "the log must not end on an outage the stores recovered from");
    }

    [Fact]
    public void The_outage_warning_names_the_stores_failure_on_one_line()
    {
        var logger = new GatedLogger(() => { });
        var availability = new StorageAvailability(TimeProvider.System, _metrics.Metrics, logger);

        // a store's message holds whatever its server or driver said, line breaks and terminal escapes included
        availability.Refused(new StorageUnavailableException("The database is unavailable.", new InvalidOperationException("refused\nfake: line \u001b[31mred\u2028")));

        var line = logger.Messages.Should().ContainSingle().Subject;
        line.Should().Contain("refused").And.NotContainAny("\n", "\r", "\u001b", "\u2028");
    }

    /// <summary>Records the levels and messages of the lines in the order they are written; runs a hook before writing a warning.</summary>
    private sealed class GatedLogger(Action beforeWarning) : ILogger<StorageAvailability>
    {
        private readonly ConcurrentQueue<LogLevel> _levels = new();
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<LogLevel> Levels => [.. _levels];

        public IReadOnlyList<string> Messages => [.. _messages];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                beforeWarning();
            }

            _levels.Enqueue(logLevel);
            _messages.Enqueue(formatter(state, exception));
        }
    }
}
