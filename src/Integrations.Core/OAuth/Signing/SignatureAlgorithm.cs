using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Integrations.OAuth.Parameters;

namespace Integrations.OAuth.Signing;

/// <summary>The HMAC-SHA1 / HMAC-SHA256 arithmetic of RFC 5849 §3.4.2 on spans: key, digest, base64 and the constant-time comparison.</summary>
internal static class SignatureAlgorithm
{
    /// <summary>The largest digest (SHA-256).</summary>
    public const int MaxHashSize = 32;

    /// <summary>The largest base64 signature (of a SHA-256 digest).</summary>
    public const int MaxSignatureLength = 44;

    /// <summary>The wire name of a method.</summary>
    public static string WireName(OAuthSignatureMethod method) => method == OAuthSignatureMethod.HmacSha1 ? "HMAC-SHA1" : "HMAC-SHA256";

    /// <summary>Recognizes a method by its exact (case-sensitive) wire name.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out OAuthSignatureMethod method)
    {
        switch (name)
        {
            case "HMAC-SHA1":
                method = OAuthSignatureMethod.HmacSha1;
                return true;
            case "HMAC-SHA256":
                method = OAuthSignatureMethod.HmacSha256;
                return true;
            default:
                method = default;
                return false;
        }
    }

    /// <summary>The digest size of a method.</summary>
    public static int HashSize(OAuthSignatureMethod method) => method == OAuthSignatureMethod.HmacSha1 ? HMACSHA1.HashSizeInBytes : HMACSHA256.HashSizeInBytes;

    /// <summary>The most bytes <see cref="WriteKey"/> writes.</summary>
    public static int MaxKeyLength(ReadOnlySpan<char> consumerSecret, ReadOnlySpan<char> tokenSecret) =>
        (9 * consumerSecret.Length) + 1 + (9 * tokenSecret.Length);

    /// <summary>Writes the HMAC key <c>encode(consumerSecret)&amp;encode(tokenSecret)</c> as ASCII bytes.</summary>
    public static int WriteKey(ReadOnlySpan<char> consumerSecret, ReadOnlySpan<char> tokenSecret, Span<byte> destination)
    {
        var written = EncodeText(consumerSecret, destination);
        destination[written++] = (byte)'&';
        return written + EncodeText(tokenSecret, destination[written..]);
    }

    /// <summary>Computes the HMAC of the base string with a one-shot call.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "HMAC-SHA1 is an RFC 5849 signature method clients use; hosts can disallow it (OAuthOptions.AllowHmacSha1).")]
    public static int ComputeHash(OAuthSignatureMethod method, ReadOnlySpan<byte> key, ReadOnlySpan<byte> baseString, Span<byte> destination) =>
        method == OAuthSignatureMethod.HmacSha1
            ? HMACSHA1.HashData(key, baseString, destination)
            : HMACSHA256.HashData(key, baseString, destination);

    /// <summary>
    /// Compares a digest with the received (stored-encoded) <c>oauth_signature</c> in constant time: the digest is
    /// base64-encoded and compared with the percent-decoded value exactly as sent.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> hash, ReadOnlySpan<char> encodedReceived)
    {
        Span<byte> expected = stackalloc byte[MaxSignatureLength];
        Base64.EncodeToUtf8(hash, expected, out _, out var expectedLength);
        Span<byte> received = stackalloc byte[3 * MaxSignatureLength];
        if (encodedReceived.Length > received.Length)
        {
            return false;
        }

        var receivedLength = RequestParameters.DecodeStored(encodedReceived, received);
        return receivedLength == expectedLength
            && CryptographicOperations.FixedTimeEquals(expected[..expectedLength], received[..receivedLength]);
    }

    /// <summary>Percent-encodes text (as UTF-8) into ASCII bytes.</summary>
    private static int EncodeText(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var written = 0;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                written += PercentEncoding.EncodeAscii(text.Slice(i, 1), destination[written..]);
                continue;
            }

            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = 1;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                destination[written] = (byte)'%';
                destination[written + 1] = (byte)"0123456789ABCDEF"[utf8[b] >> 4];
                destination[written + 2] = (byte)"0123456789ABCDEF"[utf8[b] & 0xF];
                written += 3;
            }

            i += consumed - 1;
        }

        return written;
    }
}
