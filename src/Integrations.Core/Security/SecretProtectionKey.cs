namespace Integrations.Security;

/// <summary>One AES-256-GCM data key of the secret protection key ring.</summary>
public sealed class SecretProtectionKey
{
    /// <summary>A short identifier stored with every ciphertext (letters, digits, <c>-</c> and <c>_</c>, at most 32).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The 32-byte key, base64-encoded. Never logged. Set this or <see cref="WrappedKey"/>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>
    /// The 32-byte key wrapped as CMS EnvelopedData for one of
    /// <see cref="SecretProtectionOptions.KeyUnwrappingCertificates"/> (base64, made by
    /// <see cref="CmsKeyWrapping.CreateWrappedKey"/>), or <see langword="null"/>. It is opened once at start-up, which
    /// fails if no configured certificate opens it.
    /// </summary>
    public string? WrappedKey { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"Secret protection key '{Id}'";
}
