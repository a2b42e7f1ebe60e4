using System.Collections.Concurrent;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace Integrations.Core.Tests.Stores;

/// <summary>Group commit: concurrent nonces share one store call, a lone one is written at once, failures stay bounded and typed.</summary>
public sealed class NonceRecorderTests : IAsyncDisposable
{
    private readonly GatedNonceStore _store = new();
    private readonly ServiceProvider _services;
    private readonly NonceRecorder _recorder;

    public NonceRecorderTests()
    {
        _services = new ServiceCollection().AddScoped<INonceStore>(_ => _store).BuildServiceProvider();
        _recorder = new NonceRecorder(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new StorageOptions { BatchNonces = true, OperationTimeout = TimeSpan.FromSeconds(1) }));
    }

    public async ValueTask DisposeAsync()
    {
        _store.Open();
        await _recorder.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_lone_nonce_is_written_at_once_in_a_batch_of_its_own()
    {
        _store.Open();

        (await RecordAsync("lone-nonce-0000001")).Should().Be(NonceOutcome.Recorded);

        _store.Batches.Should().Equal(1);
    }

    [Fact]
    public async Task Nonces_queued_while_a_batch_is_written_share_the_next_store_call()
    {
        var first = RecordAsync("first-nonce-000001");
        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(0, 31).Select(i => RecordAsync($"queued-nonce-{i:D6}")).ToList();

        _store.Open();
        var outcomes = await Task.WhenAll(queued.Prepend(first).Select(t => t.AsTask()));

        outcomes.Should().OnlyContain(o => o == NonceOutcome.Recorded);
        _store.Batches.Should().Equal(1, 31);
    }

    [Fact]
    public async Task Copies_of_one_nonce_in_a_batch_are_written_once_and_lose_to_it()
    {
        var first = RecordAsync("other-nonce-000001");
        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var copies = Enumerable.Range(0, 8).Select(_ => RecordAsync("copied-nonce-00001")).ToList();

        _store.Open();
        await first;
        var outcomes = await Task.WhenAll(copies.Select(t => t.AsTask()));

        outcomes.Count(o => o == NonceOutcome.Recorded).Should().Be(1);
        outcomes.Count(o => o == NonceOutcome.Used).Should().Be(7);
        _store.Batches.Should().Equal(1, 1);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_fails_the_batch_as_unavailable_within_the_timeout()
    {
        var record = RecordAsync("hanging-nonce-0001");

        var act = async () => await record;

        await act.Should().ThrowAsync<StorageUnavailableException>();
    }

    [Fact]
    public async Task Without_a_bound_on_the_stores_queued_nonces_are_written_not_refused_as_late()
    {
        await using var recorder = new NonceRecorder(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new StorageOptions { BatchNonces = true, OperationTimeout = Timeout.InfiniteTimeSpan }));
        _store.Open();

        var outcome = await recorder.RecordAsync(new ScopedStores(_services), Record("unbounded-nonce-01"), NoDeadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        outcome.Should().Be(NonceOutcome.Recorded);
        _store.Batches.Should().Equal(1);
    }

    [Fact]
    public async Task A_scope_that_fails_to_close_after_a_failed_batch_does_not_stop_the_writer()
    {
        var store = new FlakyNonceStore();
        await using var services = new ServiceCollection().AddScoped<INonceStore>(_ => store).BuildServiceProvider();
        await using var recorder = new NonceRecorder(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new StorageOptions { BatchNonces = true }));

        var failed = async () => await recorder.RecordAsync(new ScopedStores(services), Record("flaky-nonce-000001"), NoDeadline);
        await failed.Should().ThrowAsync<StorageUnavailableException>();

        (await recorder.RecordAsync(new ScopedStores(services), Record("flaky-nonce-000002"), NoDeadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(NonceOutcome.Recorded);
        store.Disposals.Should().BeGreaterThan(0, "the failed batch's scope was given back, and its failure swallowed");
    }

    [Fact]
    public async Task A_fault_of_the_writer_itself_fails_the_requests_in_hand_and_the_writer_goes_on()
    {
        var scopes = Substitute.For<IServiceScopeFactory>();
        var fault = new InvalidOperationException("the container could not make a scope");
        scopes.CreateScope().Returns(_ => throw fault, _ => _services.GetRequiredService<IServiceScopeFactory>().CreateScope());
        await using var recorder = new NonceRecorder(scopes, Options.Create(new StorageOptions { BatchNonces = true }));
        _store.Open();

        var failed = async () => await recorder.RecordAsync(new ScopedStores(_services), Record("faulted-nonce-0001"), NoDeadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (await failed.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(fault);

        (await recorder.RecordAsync(new ScopedStores(_services), Record("faulted-nonce-0002"), NoDeadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(NonceOutcome.Recorded);
    }

    [Fact]
    public async Task A_nonce_offered_after_disposal_is_refused_and_leaves_no_writer_running()
    {
        var recorder = new NonceRecorder(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new StorageOptions { BatchNonces = true }));
        await recorder.DisposeAsync(); // the host stops before any nonce was batched: no writer yet

        var late = () => recorder.RecordAsync(new ScopedStores(_services), Record("late-nonce-0000001"), NoDeadline);

        late.Should().Throw<ObjectDisposedException>();
        recorder.WriterStarted.Should().BeFalse("a writer started after disposal spun on its disposed cancellation source, a core's worth of CPU");
    }

    [Fact]
    public async Task The_writer_does_not_take_on_the_ambient_transaction_of_the_request_that_started_it()
    {
        var store = new AmbientTransactionRecordingStore();
        await using var services = new ServiceCollection().AddScoped<INonceStore>(_ => store).BuildServiceProvider();
        await using var recorder = new NonceRecorder(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new StorageOptions { BatchNonces = true }));

        using (new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            // the first nonce of the process comes from a request inside the host's TransactionScope
            (await recorder.RecordAsync(new ScopedStores(services), Record("ambient-nonce-0001"), NoDeadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(NonceOutcome.Recorded);
        }

        store.SawAmbientTransaction.Should().BeFalse("every later batch of the process would otherwise run in that request's transaction");
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        var recorder = new NonceRecorder(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new StorageOptions { BatchNonces = true }));
        await recorder.DisposeAsync();

        var again = async () => await recorder.DisposeAsync();

        await again.Should().NotThrowAsync();
    }

    private static StorageDeadline NoDeadline => new(Timeout.InfiniteTimeSpan, default);

    private static NonceRecord Record(string nonce) => new("consumerkey000000000000000000001", nonce, DateTimeOffset.UtcNow.AddMinutes(20), "stamp");

    private ValueTask<NonceOutcome> RecordAsync(string nonce) =>
        _recorder.RecordAsync(new ScopedStores(_services), Record(nonce), NoDeadline);

    /// <summary>A nonce store whose first call fails and whose disposal (the end of the writer's scope) always throws.</summary>
    private sealed class FlakyNonceStore : INonceStore, IAsyncDisposable
    {
        private int _calls;

        public int Disposals { get; private set; }

        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new StorageUnavailableException("The database is unavailable: 57P01.")
                : ValueTask.FromResult<IReadOnlyList<NonceOutcome>>([.. records.Select(_ => NonceOutcome.Recorded)]);

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        public ValueTask DisposeAsync()
        {
            Disposals++;
            throw new InvalidOperationException("closing a broken connection failed");
        }
    }

    /// <summary>A nonce store that notes whether a batch ran inside an ambient transaction.</summary>
    private sealed class AmbientTransactionRecordingStore : INonceStore
    {
        public bool SawAmbientTransaction { get; private set; }

        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
        {
            SawAmbientTransaction |= System.Transactions.Transaction.Current is not null;
            return ValueTask.FromResult<IReadOnlyList<NonceOutcome>>([.. records.Select(_ => NonceOutcome.Recorded)]);
        }

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }

    /// <summary>A nonce store whose calls wait at a gate until <see cref="Open"/>; it records each call's batch size.</summary>
    private sealed class GatedNonceStore : INonceStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, bool> _recorded = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<int> _batches = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<int> Batches => [.. _batches];

        public void Open() => _gate.TrySetResult();

        public async ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
        {
            _batches.Enqueue(records.Count);
            Entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
            return records.Select(r => _recorded.TryAdd(r.Nonce.ToString(), true) ? NonceOutcome.Recorded : NonceOutcome.Used).ToList();
        }

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
