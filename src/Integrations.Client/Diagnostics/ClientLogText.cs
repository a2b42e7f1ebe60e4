using System.Globalization;
using System.Text;

namespace Integrations.Client.Diagnostics;

/// <summary>
/// Makes text a shop sent (its refusal phrase, the answer .NET quotes in a transport error) safe for a log line:
/// control characters, line and paragraph separators and backslashes are written as visible escapes (<c>\n</c>,
/// <c>\x1b</c>, <c>\u2028</c>, <c>\\</c>), so the text cannot start a forged line nor drive a terminal.
/// </summary>
internal static class ClientLogText
{
    public static string OneLine(string value)
    {
        if (!value.AsSpan().ContainsAny(Escaped))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\t' => text.Append(@"\t"),
                _ when char.IsControl(c) => text.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                '\u2028' or '\u2029' => text.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create(
        "\\\u2028\u2029" + new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i)]) + new string([.. Enumerable.Range(0x7f, 0x21).Select(i => (char)i)]));
}
