using System.Security.Cryptography;
using Integrations.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.AspNetCore.Security;

/// <summary>
/// An <see cref="ISecretProtector"/> on ASP.NET Core Data Protection: stored consumer secrets, token secrets and
/// token values are protected with the host's key ring (the one it already runs, persists, rotates and backs up),
/// under the library's own purpose <see cref="Purpose"/>, so no other part of the application can read them and they
/// read no one else's. Registered by
/// <see cref="IntegrationsAspNetCoreBuilderExtensions.UseDataProtectionSecretProtection(IntegrationsBuilder)"/>.
/// Values written by another protector (the default AES-GCM one) cannot be read by this one, nor the other way round.
/// </summary>
public sealed class DataProtectionSecretProtector : ISecretProtector
{
    /// <summary>The Data Protection purpose of stored secrets (versioned: a later format gets a new purpose).</summary>
    public const string Purpose = "Integrations.SecretProtection.v1";

    private readonly IDataProtector _protector;

    /// <summary>Creates the protector.</summary>
    /// <param name="provider">The host's Data Protection provider.</param>
    public DataProtectionSecretProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <inheritdoc />
    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return _protector.Protect(secret);
    }

    /// <inheritdoc />
    /// <exception cref="SecretProtectionException">
    /// The value is malformed, was tampered with, was made under another purpose or key ring, or its key is unknown or
    /// revoked (the message names none of it, and never the value).
    /// </exception>
    public string Unprotect(string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException exception)
        {
            throw new SecretProtectionException(
                "The protected secret does not decrypt with the Data Protection key ring (unknown or revoked key, another key ring, tampered or malformed value).",
                exception);
        }
    }
}
