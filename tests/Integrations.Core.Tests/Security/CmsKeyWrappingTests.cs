using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Security;

public sealed class CmsKeyWrappingTests
{
    // RSA key generation is slow: the certificates are made once for the class.
    private static readonly X509Certificate2 _certificate = CreateCertificate("CN=integrations-keys");
    private static readonly X509Certificate2 _otherCertificate = CreateCertificate("CN=someone-else");

    [Fact]
    public void A_wrapped_key_is_opened_at_start_up_and_encrypts_like_the_raw_key()
    {
        var rawKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = SecretProtectionKey.WrapKey(rawKey, _certificate);
        using var fromWrapped = Build(o =>
        {
            o.KeyUnwrappingCertificates.Add(_certificate);
            o.Keys.Add(new SecretProtectionKey { Id = "k1", WrappedKey = wrapped });
        });
        ValidateOnStart(fromWrapped);
        using var fromRaw = new AesGcmSecretProtector(Options.Create(WithKey("k1", rawKey)));

        var ciphertext = fromWrapped.GetRequiredService<ISecretProtector>().Protect("consumer-secret");

        fromRaw.Unprotect(ciphertext).Should().Be("consumer-secret", "the unwrapped key is the key that was wrapped");
        wrapped.Should().NotContain(Convert.ToBase64String(rawKey));
    }

    [Fact]
    public void Once_the_protector_is_built_no_options_instance_holds_the_unwrapped_key()
    {
        var rawKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = SecretProtectionKey.WrapKey(rawKey, _certificate);
        using var provider = Build(o =>
        {
            o.KeyUnwrappingCertificates.Add(_certificate);
            o.Keys.Add(new SecretProtectionKey { Id = "k1", WrappedKey = wrapped });
        });
        ValidateOnStart(provider);
        var protector = provider.GetRequiredService<ISecretProtector>();
        using var fromRaw = new AesGcmSecretProtector(Options.Create(WithKey("k1", rawKey)));
        fromRaw.Unprotect(protector.Protect("consumer-secret")).Should().Be("consumer-secret", "the protector holds the unwrapped key");

        var unwrapped = Convert.ToBase64String(rawKey);
        using var scope = provider.CreateScope();
        var everyOptions = new[]
        {
            provider.GetRequiredService<IOptions<SecretProtectionOptions>>().Value,
            provider.GetRequiredService<IOptionsMonitor<SecretProtectionOptions>>().CurrentValue,
            scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<SecretProtectionOptions>>().Value,
            provider.GetRequiredService<IOptionsFactory<SecretProtectionOptions>>().Create(Options.DefaultName),
        };
        foreach (var options in everyOptions)
        {
            var key = options.Keys.Should().ContainSingle().Subject;
            key.Key.Should().BeEmpty("the options keep what the host configured, not the opened key");
            key.WrappedKey.Should().Be(wrapped);
            key.ToString().Should().NotContain(unwrapped);
        }
    }

    [Fact]
    public void Wrapped_and_raw_keys_rotate_together()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        using var before = new AesGcmSecretProtector(Options.Create(WithKey("old", oldKey)));
        var oldCiphertext = before.Protect("old secret");
        using var provider = Build(o =>
        {
            o.KeyUnwrappingCertificates.Add(_certificate);
            o.Keys.Add(new SecretProtectionKey { Id = "old", Key = Convert.ToBase64String(oldKey) });
            o.Keys.Add(new SecretProtectionKey { Id = "new", WrappedKey = SecretProtectionKey.CreateWrappedKey(_certificate) });
        });

        var protector = provider.GetRequiredService<ISecretProtector>();

        protector.Unprotect(oldCiphertext).Should().Be("old secret");
        protector.Protect("new secret").Should().StartWith("new:");
    }

    [Fact]
    public void A_key_wrapped_for_another_certificate_stops_the_start_up()
    {
        using var provider = BuildWithWrappedKey(SecretProtectionKey.CreateWrappedKey(_otherCertificate));

        var act = () => ValidateOnStart(provider);

        act.Should().Throw<OptionsValidationException>().WithMessage("The secret protection key 'k1' cannot be unwrapped*");
    }

    [Fact]
    public void A_wrapped_key_without_any_certificate_stops_the_start_up()
    {
        using var provider = Build(o => o.Keys.Add(new SecretProtectionKey { Id = "k1", WrappedKey = SecretProtectionKey.CreateWrappedKey(_certificate) }));

        var act = () => ValidateOnStart(provider);

        act.Should().Throw<OptionsValidationException>().WithMessage("*no certificate is configured*");
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("AAAA")]
    public void A_malformed_wrapped_key_stops_the_start_up(string wrapped)
    {
        using var provider = BuildWithWrappedKey(wrapped);

        var act = () => ValidateOnStart(provider);

        act.Should().Throw<OptionsValidationException>().WithMessage("The secret protection key 'k1' cannot be unwrapped*");
    }

    [Fact]
    public void A_key_set_both_raw_and_wrapped_stops_the_start_up()
    {
        using var provider = Build(o =>
        {
            o.KeyUnwrappingCertificates.Add(_certificate);
            o.Keys.Add(new SecretProtectionKey { Id = "k1", Key = Convert.ToBase64String(new byte[32]), WrappedKey = SecretProtectionKey.CreateWrappedKey(_certificate) });
        });

        var act = () => ValidateOnStart(provider);

        act.Should().Throw<OptionsValidationException>().WithMessage("*sets both Key and WrappedKey*");
    }

    private static ServiceProvider Build(Action<SecretProtectionOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().ConfigureSecretProtection(configure);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static ServiceProvider BuildWithWrappedKey(string wrapped) => Build(o =>
    {
        o.KeyUnwrappingCertificates.Add(_certificate);
        o.Keys.Add(new SecretProtectionKey { Id = "k1", WrappedKey = wrapped });
    });

    /// <summary>What a host does when it starts: validates the options registered with ValidateOnStart.</summary>
    private static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    private static SecretProtectionOptions WithKey(string id, byte[] key)
    {
        var options = new SecretProtectionOptions();
        options.Keys.Add(new SecretProtectionKey { Id = id, Key = Convert.ToBase64String(key) });
        return options;
    }

    private static X509Certificate2 CreateCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
