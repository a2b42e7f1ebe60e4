namespace Integrations.Handshake.Tests.Support;

/// <summary>A test class with a fresh <see cref="HandshakeFixture"/> per test, disposed after it.</summary>
public abstract class FixtureTests : IAsyncLifetime
{
    internal HandshakeFixture Fixture { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Fixture.DisposeAsync();
}
