using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Integrations.Security;

/// <summary>
/// Opens the wrapped keys of <see cref="SecretProtectionOptions"/> once, when the options are first built (at
/// start-up, through <c>ValidateOnStart</c>); a key that cannot be opened stops the host with a
/// <see cref="SecretProtectionException"/>.
/// </summary>
internal sealed class SecretKeyUnwrapping : IPostConfigureOptions<SecretProtectionOptions>
{
    public void PostConfigure(string? name, SecretProtectionOptions options)
    {
        foreach (var key in options.Keys)
        {
            if (key.WrappedKey is null)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(key.Key))
            {
                throw new SecretProtectionException($"The secret protection key '{key.Id}' sets both Key and WrappedKey; set one.");
            }

            var bytes = CmsKeyWrapping.Unwrap(key.Id, key.WrappedKey, options.KeyUnwrappingCertificates);
            key.Key = Convert.ToBase64String(bytes);
            key.WrappedKey = null;
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
