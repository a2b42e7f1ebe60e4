using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Stores;

/// <summary>A storage bound the request path cannot keep stops the start, instead of failing every signed request.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void An_operation_timeout_longer_than_a_day_is_refused_at_start()
    {
        var act = () => Options(o => o.OperationTimeout = TimeSpan.MaxValue);

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("OperationTimeout must be at least 100 ms and at most 1 day (or infinite)");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(86_400)]
    [InlineData(-0.001)] // Timeout.InfiniteTimeSpan
    public void An_operation_timeout_from_100_ms_to_a_day_or_infinite_is_accepted(double seconds)
    {
        Options(o => o.OperationTimeout = TimeSpan.FromSeconds(seconds)).OperationTimeout.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    private static StorageOptions Options(Action<StorageOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores();
        services.Configure(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
