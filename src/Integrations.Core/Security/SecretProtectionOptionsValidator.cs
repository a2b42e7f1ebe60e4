using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Integrations.Security;

/// <summary>Validates <see cref="SecretProtectionOptions"/> at start-up, so a wrong or missing key fails loudly.</summary>
internal sealed class SecretProtectionOptionsValidator : IValidateOptions<SecretProtectionOptions>
{
    private static readonly SearchValues<char> KeyIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public ValidateOptionsResult Validate(string? name, SecretProtectionOptions options)
    {
        if (options.KeyRingUnused)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.Keys.Count == 0)
        {
            return options.UseEphemeralKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("No secret protection key is configured (SecretProtectionOptions.Keys is empty).");
        }

        var failures = options.Keys.Select(ValidateKey).OfType<string>().ToList();
        if (options.Keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != options.Keys.Count)
        {
            failures.Add("Secret protection key ids must be unique.");
        }

        if (options.ActiveKeyId is not null && !options.Keys.Any(k => k.Id == options.ActiveKeyId))
        {
            failures.Add($"The active secret protection key '{options.ActiveKeyId}' is not in the key ring.");
        }

        if (failures.Count == 0)
        {
            failures.AddRange(options.Keys.Where(k => k.WrappedKey is not null).Select(k => CanOpen(k, options)).OfType<string>());
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Opens a wrapped key once and forgets it at once, so a key no certificate opens stops the start.</summary>
    private static string? CanOpen(SecretProtectionKey key, SecretProtectionOptions options)
    {
        try
        {
            CryptographicOperations.ZeroMemory(AesGcmSecretProtector.OpenKey(key, options));
            return null;
        }
        catch (SecretProtectionException exception)
        {
            return exception.Message;
        }
    }

    internal static string? ValidateKey(SecretProtectionKey key)
    {
        if (string.IsNullOrEmpty(key.Id) || key.Id.Length > 32 || key.Id.AsSpan().ContainsAnyExcept(KeyIdCharacters))
        {
            return "A secret protection key id must be 1 to 32 letters, digits, '-' or '_'.";
        }

        if (key.WrappedKey is not null)
        {
            return string.IsNullOrEmpty(key.Key) ? null : $"The secret protection key '{key.Id}' sets both Key and WrappedKey; set one.";
        }

        Span<byte> buffer = stackalloc byte[64];
        if (!Convert.TryFromBase64String(key.Key, buffer, out var written) || written != 32)
        {
            return $"The secret protection key '{key.Id}' must be 32 bytes, base64-encoded.";
        }

        return null;
    }
}
