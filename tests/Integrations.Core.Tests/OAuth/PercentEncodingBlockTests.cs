using Integrations.OAuth;
using Integrations.OAuth.Parameters;

namespace Integrations.Core.Tests.OAuth;

/// <summary>
/// The fast paths of the engine give what the general ones give: the block encoder of the base string
/// (<see cref="PercentEncoding.EncodePadded"/>, <see cref="PercentEncoding.NarrowPadded"/>), the run-by-run decoding of stored values, the classification of
/// protocol parameter names.
/// </summary>
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

    [Fact]
    public void Every_length_of_text_without_escapes_narrows_as_the_canonical_encoder_encodes_it_whatever_follows_the_text()
    {
        var random = new Random(15);
        for (var length = 0; length <= 70; length++)
        {
            var text = new char[length];
            for (var i = 0; i < length; i++)
            {
                text[i] = "abcXYZ019-._~"[random.Next(13)];
            }

            var padded = new char[length + PercentEncoding.BlockPadding];
            text.CopyTo(padded, 0);
            padded.AsSpan(length).Fill('%');
            var expected = new byte[length];
            PercentEncoding.EncodeCanonical(text, expected).Should().Be(length);
            var actual = new byte[length + PercentEncoding.BlockPadding];
            PercentEncoding.NarrowPadded(padded, length, actual).Should().Be(length);
            actual.AsSpan(0, length).ToArray().Should().Equal(expected, $"'{new string(text)}'");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("%3D")]
    [InlineData("a%2Bb%2F%3D")]
    [InlineData("%25%25")]
    [InlineData("x%3d")]
    [InlineData("caf\u00e9%20")]
    [InlineData("%")]
    [InlineData("ab%4")]
    [InlineData("%G1x")]
    [InlineData("%3")]
    [InlineData("a+b")]
    [InlineData("\ud83d\ude00%21")]
    [InlineData("\ud83dx")]
    public void Stored_values_decode_as_the_general_decoding_decodes_them(string escaped)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var expected = new byte[(3 * text.Length) + 1];
        var expectedLength = PercentEncoding.Decode(text, plusIsSpace: false, expected);
        var actual = new byte[(3 * text.Length) + 1];
        var actualLength = PercentEncoding.DecodeCanonical(text, actual);
        actualLength.Should().Be(expectedLength);
        if (expectedLength >= 0)
        {
            actual.AsSpan(0, actualLength).ToArray().Should().Equal(expected.AsSpan(0, expectedLength).ToArray());
        }
    }

    [Theory]
    [InlineData(OAuthParameterNames.ConsumerKey, nameof(ProtocolParameter.ConsumerKey))]
    [InlineData(OAuthParameterNames.Token, nameof(ProtocolParameter.Token))]
    [InlineData(OAuthParameterNames.SignatureMethod, nameof(ProtocolParameter.SignatureMethod))]
    [InlineData(OAuthParameterNames.Signature, nameof(ProtocolParameter.Signature))]
    [InlineData(OAuthParameterNames.Timestamp, nameof(ProtocolParameter.Timestamp))]
    [InlineData(OAuthParameterNames.Nonce, nameof(ProtocolParameter.Nonce))]
    [InlineData(OAuthParameterNames.Version, nameof(ProtocolParameter.Version))]
    [InlineData(OAuthParameterNames.Callback, nameof(ProtocolParameter.Callback))]
    [InlineData(OAuthParameterNames.Verifier, nameof(ProtocolParameter.Verifier))]
    public void Each_protocol_parameter_name_is_recognized_and_its_near_misses_are_not(string name, string kindName)
    {
        var kind = Enum.Parse<ProtocolParameter>(kindName);
        Collected(name).Should().BeTrue();

        // same length, one character off (first, the one the length's names differ by, last): an extension's name
        foreach (var position in new[] { 6, 7, name.Length - 1 })
        {
            var chars = name.ToCharArray();
            chars[position] = chars[position] == 'x' ? 'y' : 'x';
            Collected(new string(chars)).Should().BeFalse($"'{new string(chars)}' is not {kind}");
        }

        bool Collected(string sent)
        {
            var parameters = RequestParameters.Rent();
            try
            {
                parameters.Collect(new OAuthWireRequest { Method = "GET", Url = "https://h.example/p?" + sent + "=v" }).Should().BeNull();
                return parameters.Has(kind);
            }
            finally
            {
                RequestParameters.Return(parameters);
            }
        }
    }

    [Fact]
    public void Header_names_recognized_by_their_equals_sign_are_checked_as_those_found_by_a_scan()
    {
        // blanks around "=", no blank after ",": the names still read as the protocol parameters they are
        var parameters = RequestParameters.Rent();
        try
        {
            parameters.Collect(Request("OAuth realm=\"shop\", oauth_consumer_key =\"k\",oauth_nonce= \"n\", oauth_xoken=\"x\", oauth_token=\"t\"")).Should().BeNull();
            parameters.EncodedValue(ProtocolParameter.ConsumerKey).ToString().Should().Be("k");
            parameters.EncodedValue(ProtocolParameter.Nonce).ToString().Should().Be("n");
            parameters.EncodedValue(ProtocolParameter.Token).ToString().Should().Be("t");
            parameters.Has(ProtocolParameter.Realm).Should().BeTrue();
        }
        finally
        {
            RequestParameters.Return(parameters);
        }

        Problem(Request("OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"")).Should().Be(OAuthProblemReason.ParameterDuplicated);
        Problem(Request("OAuth oauth_nonce=\"a\"", query: "?oauth_token=t")).Should().Be(OAuthProblemReason.ParametersInSeveralPlaces);
        Problem(Request("OAuth oauth_nonce=\"" + new string('a', (3 * RequestParameters.MaxProtocolValueLength) + 1) + "\"")).Should().Be(OAuthProblemReason.ParameterTooLong);

        static OAuthWireRequest Request(string header, string query = "") =>
            new() { Method = "GET", Url = "https://h.example/p" + query, Authorization = header };

        static OAuthProblemReason? Problem(OAuthWireRequest request)
        {
            var parameters = RequestParameters.Rent();
            try
            {
                return parameters.Collect(request)?.Reason;
            }
            finally
            {
                RequestParameters.Return(parameters);
            }
        }
    }
}
