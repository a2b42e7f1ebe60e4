using Integrations.OAuth.Parameters;

namespace Integrations.Core.Tests.OAuth;

/// <summary>The block encoder of the base string (<see cref="PercentEncoding.EncodePadded"/>) writes what the character-by-character encoders write.</summary>
public class PercentEncodingBlockTests
{
    private const string Alphabet = "abcXYZ019-._~%:/?&=+[], \"";

    [Fact]
    public void Every_length_and_escape_position_encodes_as_the_plain_encoders_do_whatever_follows_the_text()
    {
        var random = new Random(14);
        for (var length = 0; length <= 70; length++)
        {
            for (var round = 0; round < 40; round++)
            {
                var text = new char[length];
                for (var i = 0; i < length; i++)
                {
                    // mostly unreserved characters, with escapes in every position of a block now and then
                    text[i] = random.Next(4) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('a' + random.Next(26));
                }

                // what follows the text is read and ignored: fill it with characters that would be escaped
                var padded = new char[length + PercentEncoding.BlockPadding];
                text.CopyTo(padded, 0);
                padded.AsSpan(length).Fill(round % 2 == 0 ? '%' : 'é');
                foreach (var canonical in new[] { true, false })
                {
                    var expected = new byte[(3 * length) + 1];
                    var expectedLength = canonical ? PercentEncoding.EncodeCanonical(text, expected) : PercentEncoding.EncodeAscii(text, expected);
                    var actual = new byte[(3 * length) + PercentEncoding.BlockPadding];
                    var actualLength = PercentEncoding.EncodePadded(padded, length, actual, canonical);
                    actual.AsSpan(0, actualLength).ToArray().Should().Equal(expected.AsSpan(0, expectedLength).ToArray(), $"'{new string(text)}' (canonical: {canonical})");
                }
            }
        }
    }
}
