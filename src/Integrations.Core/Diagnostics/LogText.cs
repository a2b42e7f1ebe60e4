using System.Text;
using System.Text.RegularExpressions;

namespace Integrations.Diagnostics;

/// <summary>
/// Makes text a caller sent (consumer keys, tokens, nonces, header fragments, URLs) safe to put in a log line: control
/// characters, line and paragraph separators and backslashes are written as visible escapes (<c>\n</c>, <c>\x01</c>,
/// <c>\u2028</c>, <c>\\</c>), so a crafted value cannot start a forged line; and it is capped in length, so a huge
/// value cannot swell the log.
/// </summary>
internal static partial class LogText
{
    /// <summary>The default number of characters kept from the value.</summary>
    public const int DefaultMaxLength = 64;

    /// <summary>Escapes and caps a value; <see langword="null"/> becomes <c>(none)</c>.</summary>
    /// <param name="value">The caller's text.</param>
    /// <param name="maxLength">How many characters of it are kept; the rest is counted, not written.</param>
    /// <returns>One line of printable text.</returns>
    public static string Escape(string? value, int maxLength = DefaultMaxLength)
    {
        if (value is null)
        {
            return "(none)";
        }

        var kept = value.AsSpan(0, Math.Min(value.Length, maxLength));
        if (kept.Length == value.Length && !NeedsEscape(kept))
        {
            return value;
        }

        var text = new StringBuilder(kept.Length + 16);
        foreach (var c in kept)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\t' => text.Append(@"\t"),
                _ when c < 0x20 || (c >= 0x7f && c < 0xa0) => text.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ when c is '\u2028' or '\u2029' or '\u0085' || char.IsSurrogate(c) => text.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        if (kept.Length < value.Length)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"…(+{value.Length - kept.Length} characters)");
        }

        return text.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == '\\' || (c >= 0x7f && c < 0xa0) || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Removes the user info (<c>user:password@</c>) of every URL in a message: .NET's HTTP errors name the proxy they
    /// went through with it (<c>HTTPS_PROXY=http://user:password@proxy/</c>).
    /// </summary>
    /// <param name="message">A message that may name URLs.</param>
    /// <returns>The message without any URL's user info.</returns>
    public static string WithoutUserInfo(string message) => UrlUserInfo().Replace(message, string.Empty);

    [GeneratedRegex(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@']+@")]
    private static partial Regex UrlUserInfo();
}
