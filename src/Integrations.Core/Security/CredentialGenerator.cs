using System.Buffers;
using System.Security.Cryptography;

namespace Integrations.Security;

/// <summary>
/// Makes consumer keys, secrets, tokens and verifiers in Magento's format: 32 characters of <c>[0-9a-z]</c>
/// (about 165 bits) from <see cref="RandomNumberGenerator"/>.
/// </summary>
internal static class CredentialGenerator
{
    /// <summary>The length of every generated credential.</summary>
    public const int Length = 32;

    /// <summary>The alphabet of every generated credential.</summary>
    public const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Creates a new random credential.</summary>
    /// <returns>32 characters of <c>[0-9a-z]</c>.</returns>
    public static string Create() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether a value has the format of a generated credential.</summary>
    /// <param name="value">The value to check.</param>
    /// <returns><see langword="true"/> if it is 32 characters of <c>[0-9a-z]</c>.</returns>
    public static bool IsWellFormed(ReadOnlySpan<char> value) =>
        value.Length == Length && !value.ContainsAnyExcept(AlphabetValues);

    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);
}
