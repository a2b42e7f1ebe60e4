using Integrations.Cleanup;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

public sealed class NonceCleanupTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private Model.Integration? _consumer;

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_removes_every_expired_nonce_batch_by_batch_and_keeps_the_others()
    {
        await using var app = AppInstance.Start(database, _time, b => b.AddNonceCleanup(o => o.BatchSize = 10));
        await SeedAsync(app, expired: 25, fresh: 3);

        var removed = await Cleanup(app).RemoveExpiredNoncesAsync(default);

        removed.Should().Be(25);
        (await TryAddAsync(app, "fresh-0")).Should().Be(NonceOutcome.Used, "unexpired nonces stay");
        (await Cleanup(app).RemoveExpiredNoncesAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task The_hosted_service_removes_expired_nonces_in_the_background()
    {
        await using var app = AppInstance.Start(database, _time, b => b.AddNonceCleanup(o => o.Interval = TimeSpan.FromSeconds(1)));
        await SeedAsync(app, expired: 5, fresh: 1);
        var service = Cleanup(app);

        await service.StartAsync(default);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await database.ReadRawAsync(IntegrationsTableNames.Nonce) is { Count: > 3 } && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await service.StopAsync(default);
        }

        (await database.ReadRawAsync(IntegrationsTableNames.Nonce)).Should().HaveCount(3, "one fresh nonce (3 columns) is left");
    }

    [Fact]
    public void The_stores_registration_runs_the_cleanup_once()
    {
        using var app = AppInstance.Start(database, _time, b => b.UseEntityFrameworkCoreStores<TestDbContext>().AddNonceCleanup());

        app.GetServices<IHostedService>().OfType<NonceCleanupService>().Should().ContainSingle();
    }

    private static NonceCleanupService Cleanup(IServiceProvider app) => app.GetServices<IHostedService>().OfType<NonceCleanupService>().Single();

    private async Task SeedAsync(IServiceProvider app, int expired, int fresh)
    {
        _consumer = SampleIntegrations.New("Cleaned consumer", _time.GetUtcNow(), Model.IntegrationStatus.Active);
        await using (var scope = app.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IIntegrationStore>().CreateAsync(_consumer, default);
        }

        for (var i = 0; i < expired; i++)
        {
            (await TryAddAsync(app, $"expired-{i}", _time.GetUtcNow().AddMinutes(1))).Should().Be(NonceOutcome.Recorded);
        }

        for (var i = 0; i < fresh; i++)
        {
            (await TryAddAsync(app, $"fresh-{i}", _time.GetUtcNow().AddMinutes(30))).Should().Be(NonceOutcome.Recorded);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
    }

    private async Task<NonceOutcome> TryAddAsync(IServiceProvider app, string nonce, DateTimeOffset? expires = null)
    {
        await using var request = app.CreateAsyncScope();
        return await request.ServiceProvider.GetRequiredService<INonceStore>().TryAddOneAsync(_consumer!, nonce, expires ?? _time.GetUtcNow().AddMinutes(30));
    }
}
