using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Tests;

/// <summary>Fixed options for the types that read them through <see cref="IOptionsMonitor{TOptions}"/>.</summary>
internal sealed class OptionsMonitorStub<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
