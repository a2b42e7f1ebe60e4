using Integrations.Security;
using Integrations.Storage.Specification;

namespace Integrations.Storage.InMemory.Tests;

/// <summary>The secret protection specification on the in-memory stores, with one protector.</summary>
public abstract class InMemorySecretProtectionTests(ISecretProtector protector) : SecretProtectionSpecification
{
    private readonly Func<ValueTask<IStoreScope>> _open = InMemoryStoreScope.Over(TimeProvider.System);

    protected override ISecretProtector Protector => protector;

    protected override ValueTask<IStoreScope> OpenScopeAsync() => _open();
}

public sealed class InMemoryAesGcmSecretProtectionTests() : InMemorySecretProtectionTests(SecretProtectors.AesGcm());

public sealed class InMemoryDataProtectionSecretProtectionTests() : InMemorySecretProtectionTests(SecretProtectors.DataProtection());
