namespace Integrations.Security;

/// <summary>One AES-256-GCM data key of the secret protection key ring.</summary>
public sealed class SecretProtectionKey
{
    /// <summary>A short identifier stored with every ciphertext (letters, digits, <c>-</c> and <c>_</c>, at most 32).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The 32-byte key, base64-encoded. Never logged.</summary>
    public string Key { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"Secret protection key '{Id}'";
}
