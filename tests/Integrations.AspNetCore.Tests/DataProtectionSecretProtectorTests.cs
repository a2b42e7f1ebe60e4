using Integrations.AspNetCore.Security;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// Stored secrets protected with the host's Data Protection key ring: readable again with that key ring (also by the
/// next process over the same persisted keys), by no other key ring or purpose, and failures are the library's typed
/// exception without the value in it.
/// </summary>
public sealed class DataProtectionSecretProtectorTests : IDisposable
{
    private const string Secret = "0123456789abcdefghijklmnopqrstuv";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("integrations-keys-");
    private readonly DirectoryInfo _otherKeys = Directory.CreateTempSubdirectory("integrations-keys-");

    public void Dispose()
    {
        _keys.Delete(recursive: true);
        _otherKeys.Delete(recursive: true);
    }

    private static DataProtectionSecretProtector Over(DirectoryInfo keyRing) =>
        new(DataProtectionProvider.Create(keyRing, b => b.SetApplicationName("shop")));

    [Fact]
    public void A_secret_protected_with_a_key_ring_is_read_back_by_a_later_process_over_the_same_keys()
    {
        var stored = Over(_keys).Protect(Secret);

        var read = Over(_keys).Unprotect(stored);

        read.Should().Be(Secret);
        stored.Should().NotContain(Secret);
    }

    [Fact]
    public void A_secret_protected_with_one_key_ring_cannot_be_read_with_another()
    {
        var stored = Over(_keys).Protect(Secret);

        var act = () => Over(_otherKeys).Unprotect(stored);

        act.Should().Throw<SecretProtectionException>()
            .Which.Message.Should().NotContain(stored).And.NotContain(Secret);
    }

    [Fact]
    public void Another_purpose_of_the_same_key_ring_cannot_read_the_libraries_secrets_nor_the_other_way_round()
    {
        var provider = DataProtectionProvider.Create(_keys);
        var stored = new DataProtectionSecretProtector(provider).Protect(Secret);
        var foreign = provider.CreateProtector("Shop.Cookies").Protect(Secret);

        var readByOther = () => provider.CreateProtector("Shop.Cookies").Unprotect(stored);
        var readForeign = () => new DataProtectionSecretProtector(provider).Unprotect(foreign);

        readByOther.Should().Throw<System.Security.Cryptography.CryptographicException>();
        readForeign.Should().Throw<SecretProtectionException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-protected-value")]
    [InlineData("k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_malformed_or_foreign_value_is_the_typed_exception(string stored)
    {
        var act = () => Over(_keys).Unprotect(stored);

        act.Should().Throw<SecretProtectionException>();
    }

    [Fact]
    public void A_tampered_value_is_the_typed_exception()
    {
        var stored = Over(_keys).Protect(Secret);
        var tampered = stored[..^2] + (stored[^2] == 'A' ? 'B' : 'A') + stored[^1];

        var act = () => Over(_keys).Unprotect(tampered);

        act.Should().Throw<SecretProtectionException>();
    }

    [Fact]
    public async Task UseDataProtectionSecretProtection_replaces_the_default_and_needs_no_aes_key()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(_keys).SetApplicationName("shop");
        services.AddIntegrations().UseInMemoryStores().UseDataProtectionSecretProtection();
        services.PostConfigure<SecretProtectionOptions>(o => o.UseEphemeralKey = false); // as a host without in-memory stores
        await using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();
        var protector = provider.GetRequiredService<ISecretProtector>();

        start.Should().NotThrow();
        protector.Should().BeOfType<DataProtectionSecretProtector>();
        Over(_keys).Unprotect(protector.Protect(Secret)).Should().Be(Secret, "the host's key ring protects the secrets");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_host_using_Data_Protection_starts_whatever_order_the_default_secret_protection_is_added_in(bool dataProtectionFirst)
    {
        await using var host = await KestrelHost.StartAsync(
            b =>
            {
                if (dataProtectionFirst)
                {
                    b.UseDataProtectionSecretProtection();
                    b.Services.AddIntegrationsSecretProtection(); // as AddIntegrationsClient does
                }
                else
                {
                    b.Services.AddIntegrationsSecretProtection();
                    b.UseDataProtectionSecretProtection();
                }
            },
            app => { },
            services =>
            {
                services.AddDataProtection().PersistKeysToFileSystem(_keys).SetApplicationName("shop");
                services.PostConfigure<SecretProtectionOptions>(o => o.UseEphemeralKey = false); // no AES key at all
            });
        var protector = host.Services.GetRequiredService<ISecretProtector>();

        protector.Should().BeOfType<DataProtectionSecretProtector>();
        Over(_keys).Unprotect(protector.Protect(Secret)).Should().Be(Secret, "the host's key ring protects the secrets");
    }
}
