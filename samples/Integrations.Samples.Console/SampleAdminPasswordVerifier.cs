using System.Security.Cryptography;
using System.Text;
using Integrations.Security;

namespace Integrations.Samples.Console;

/// <summary>The sample's one admin, "admin" with password "admin123" (a real host checks its own user store).</summary>
internal sealed class SampleAdminPasswordVerifier : IAdminPasswordVerifier
{
    public const string AdminId = "admin";
    public const string Password = "admin123";

    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] Hash = Derive(Password);

    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(confirmation.AdminId == AdminId && CryptographicOperations.FixedTimeEquals(Derive(confirmation.Password), Hash));

    private static byte[] Derive(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Salt, 100_000, HashAlgorithmName.SHA256, 32);
}
