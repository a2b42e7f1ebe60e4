using System.Security.Cryptography;
using Integrations.Security;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Security;

public sealed class AesGcmSecretProtectorTests
{
    private static readonly SecretProtectionKey Key1 = new() { Id = "k1", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
    private static readonly SecretProtectionKey Key2 = new() { Id = "k2", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    [Fact]
    public void Protect_then_Unprotect_returns_the_secret_and_hides_it()
    {
        using var protector = Create(Key1);

        var ciphertext = protector.Protect("s3cr3t-consumer-secret-value-xyz");

        ciphertext.Should().StartWith("k1:").And.NotContain("s3cr3t");
        protector.Unprotect(ciphertext).Should().Be("s3cr3t-consumer-secret-value-xyz");
        protector.Protect("same").Should().NotBe(protector.Protect("same"), "every ciphertext has its own nonce");
    }

    [Fact]
    public async Task One_instance_serves_many_threads_at_once()
    {
        using var protector = Create(Key1, Key2);
        var rounds = Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            var failures = 0;
            for (var i = 0; i < 1_000; i++)
            {
                var secret = $"secret-{thread}-{i}";
                if (protector.Unprotect(protector.Protect(secret)) != secret)
                {
                    failures++;
                }
            }

            return failures;
        }));

        (await Task.WhenAll(rounds)).Should().AllBeEquivalentTo(0);
    }

    [Fact]
    public void Rotation_keeps_old_ciphertexts_readable_and_uses_the_newest_key()
    {
        string old;
        using (var before = Create(Key1))
        {
            old = before.Protect("old secret");
        }

        using var after = Create(Key1, Key2);

        after.Unprotect(old).Should().Be("old secret");
        after.Protect("new secret").Should().StartWith("k2:");
        after.ActiveKeyId.Should().Be("k2");
    }

    [Fact]
    public void A_tampered_ciphertext_fails_loudly()
    {
        using var protector = Create(Key1);
        var ciphertext = protector.Protect("secret");
        var tampered = ciphertext[..^2] + (ciphertext[^2] == 'A' ? "B" : "A") + ciphertext[^1];

        var act = () => protector.Unprotect(tampered);

        act.Should().Throw<SecretProtectionException>().Which.Message.Should().NotContain("secret\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-separator")]
    [InlineData("k1:!!!not-base64!!!")]
    [InlineData("k1:AAAA")]
    [InlineData("unknown:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_or_foreign_ciphertexts_fail_with_a_clear_error(string value)
    {
        using var protector = Create(Key1);

        var act = () => protector.Unprotect(value);

        act.Should().Throw<SecretProtectionException>();
    }

    [Fact]
    public void A_ciphertext_made_with_another_key_of_the_same_id_fails()
    {
        using var first = Create(Key1);
        using var impostor = Create(new SecretProtectionKey { Id = "k1", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        var act = () => impostor.Unprotect(first.Protect("secret"));

        act.Should().Throw<SecretProtectionException>().WithMessage("*wrong key or tampered*");
    }

    [Fact]
    public void A_disposed_protector_refuses_to_protect_rather_than_encrypt_with_its_zeroed_key()
    {
        var protector = Create(Key1);
        var stored = protector.Protect("consumer-secret");
        protector.Dispose();

        var protect = () => protector.Protect("consumer-secret");
        var unprotect = () => protector.Unprotect(stored);

        // it encrypted with an all-zero key before, a value no restart could read and anyone could
        protect.Should().Throw<ObjectDisposedException>();
        unprotect.Should().Throw<ObjectDisposedException>("not a SecretProtectionException saying the value was tampered with");
    }

    [Fact]
    public void No_key_fails_at_construction_unless_ephemeral()
    {
        var act = () => new AesGcmSecretProtector(Options.Create(new SecretProtectionOptions()));
        act.Should().Throw<SecretProtectionException>().WithMessage("No secret protection key is configured*");

        using var ephemeral = new AesGcmSecretProtector(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));
        ephemeral.Unprotect(ephemeral.Protect("x")).Should().Be("x");
    }

    [Theory]
    [InlineData("k1", "dG9vIHNob3J0")]
    [InlineData("bad id!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("k1", "not base64")]
    public void A_malformed_key_fails_at_construction(string id, string key)
    {
        var act = () => Create(new SecretProtectionKey { Id = id, Key = key });

        act.Should().Throw<SecretProtectionException>().Which.Message.Should().NotContain(key);
    }

    private static AesGcmSecretProtector Create(params SecretProtectionKey[] keys)
    {
        var options = new SecretProtectionOptions();
        foreach (var key in keys)
        {
            options.Keys.Add(key);
        }

        return new AesGcmSecretProtector(Options.Create(options));
    }
}
