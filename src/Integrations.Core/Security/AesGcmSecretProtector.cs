using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Integrations.Security;

/// <summary>
/// The default <see cref="ISecretProtector"/>: AES-256-GCM with versioned data keys. A ciphertext reads
/// <c>{keyId}:{base64url(nonce ‖ ciphertext ‖ tag)}</c>; the key id is also authenticated as associated data.
/// Thread-safe: it keeps the key bytes and makes an <see cref="AesGcm"/> per call (an <see cref="AesGcm"/> instance
/// must not be used by two threads at once). Wrapped keys are opened here, once, and the opened keys stay in this
/// instance only, in pinned buffers (the garbage collector leaves no copies behind) zeroed on dispose: the options keep
/// the wrapped form, so nothing that reads options can read a data key.
/// </summary>
internal sealed class AesGcmSecretProtector : ISecretProtector, IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private const char Separator = ':';

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly string _activeKeyId;
    private volatile bool _disposed;

    /// <summary>Creates the protector from validated options.</summary>
    /// <param name="options">The key ring.</param>
    /// <exception cref="SecretProtectionException">The key ring is empty or a key is malformed.</exception>
    public AesGcmSecretProtector(IOptions<SecretProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (value.Keys.Count == 0)
        {
            if (!value.UseEphemeralKey)
            {
                throw new SecretProtectionException(
                    "No secret protection key is configured. Add a key to SecretProtectionOptions.Keys " +
                    "(or use an ephemeral key for in-memory stores only).");
            }

            var ephemeral = NewKeyBuffer();
            RandomNumberGenerator.Fill(ephemeral);
            _keys.Add("ephemeral", ephemeral);
            _activeKeyId = "ephemeral";
            return;
        }

        foreach (var key in value.Keys)
        {
            var error = SecretProtectionOptionsValidator.ValidateKey(key);
            if (error is not null)
            {
                throw new SecretProtectionException(error);
            }

            var bytes = OpenKey(key, value);
            if (!_keys.TryAdd(key.Id, bytes))
            {
                CryptographicOperations.ZeroMemory(bytes);
                throw new SecretProtectionException($"The secret protection key id '{key.Id}' is used twice.");
            }
        }

        _activeKeyId = value.ActiveKeyId ?? value.Keys[^1].Id;
        if (!_keys.ContainsKey(_activeKeyId))
        {
            throw new SecretProtectionException($"The active secret protection key '{_activeKeyId}' is not in the key ring.");
        }
    }

    /// <summary>Opens one key of the ring into a new pinned buffer: its base64 <see cref="SecretProtectionKey.Key"/>, or its <see cref="SecretProtectionKey.WrappedKey"/> with the configured certificates.</summary>
    /// <exception cref="SecretProtectionException">The wrapped key cannot be opened.</exception>
    internal static byte[] OpenKey(SecretProtectionKey key, SecretProtectionOptions options)
    {
        var buffer = NewKeyBuffer();
        if (key.WrappedKey is null)
        {
            Convert.TryFromBase64String(key.Key, buffer, out _);
            return buffer;
        }

        var unwrapped = CmsKeyWrapping.Unwrap(key.Id, key.WrappedKey, options.KeyUnwrappingCertificates);
        unwrapped.CopyTo(buffer, 0);
        CryptographicOperations.ZeroMemory(unwrapped);
        return buffer;
    }

    private static byte[] NewKeyBuffer() => GC.AllocateArray<byte>(KeySize, pinned: true);

    /// <summary>The id of the key new ciphertexts are made with.</summary>
    public string ActiveKeyId => _activeKeyId;

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The protector was disposed (its keys are zeroed).</exception>
    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ObjectDisposedException.ThrowIf(_disposed, this); // else a zeroed key would encrypt, silently
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var payload = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var associatedData = Encoding.UTF8.GetBytes(_activeKeyId);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(
            nonce,
            plaintext,
            payload.AsSpan(NonceSize, plaintext.Length),
            payload.AsSpan(NonceSize + plaintext.Length, TagSize),
            associatedData);
        CryptographicOperations.ZeroMemory(plaintext);
        return _activeKeyId + Separator + Base64Url.EncodeToString(payload);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The protector was disposed (its keys are zeroed).</exception>
    public string Unprotect(string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var separator = protectedSecret.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new SecretProtectionException("The protected secret is malformed.");
        }

        var keyId = protectedSecret[..separator];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new SecretProtectionException($"The protected secret was made with key '{keyId}', which is not in the key ring.");
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(protectedSecret.AsSpan(separator + 1));
        }
        catch (FormatException exception)
        {
            throw new SecretProtectionException("The protected secret is malformed.", exception);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new SecretProtectionException("The protected secret is malformed.");
        }

        var length = payload.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                payload.AsSpan(0, NonceSize),
                payload.AsSpan(NonceSize, length),
                payload.AsSpan(NonceSize + length, TagSize),
                plaintext,
                Encoding.UTF8.GetBytes(keyId));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new SecretProtectionException($"The protected secret does not decrypt with key '{keyId}' (wrong key or tampered value).", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
