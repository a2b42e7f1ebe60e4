using System.Security.Cryptography;
using System.Text;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// The shop's one admin account. The password is kept only as a salted PBKDF2 hash; a real shop checks its own
/// user store instead.
/// </summary>
internal sealed class ShopAdmin
{
    private const int Iterations = 100_000;
    private readonly byte[] salt = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] hash;

    public ShopAdmin(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        UserName = userName;
        hash = Derive(password);
    }

    /// <summary>The admin's login name, also the admin id given to the integration service.</summary>
    public string UserName { get; }

    /// <summary>Checks a login name and password in constant time.</summary>
    public bool Verify(string? userName, string? password)
    {
        var nameMatches = string.Equals(userName, UserName, StringComparison.Ordinal);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(Derive(password ?? string.Empty), hash);
        return nameMatches & passwordMatches;
    }

    /// <summary>A random password for a shop started without one configured.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    private byte[] Derive(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
