using System.Buffers;
using Integrations.OAuth.Parameters;

namespace Integrations.OAuth.Signing;

/// <summary>
/// Writes the <c>Authorization</c> header of a signed outgoing request (RFC 5849 §3.5.1) from its collected protocol
/// parameters, already percent-encoded in their buffer, into one string: the header is the signer's only allocation.
/// </summary>
internal static class AuthorizationHeader
{
    private const string Scheme = "OAuth ";
    private const string Separator = "\", ";

    /// <summary>The protocol parameters in the order the header lists them.</summary>
    private static readonly (ProtocolParameter Parameter, string Name)[] Order =
    [
        (ProtocolParameter.ConsumerKey, OAuthParameterNames.ConsumerKey),
        (ProtocolParameter.Token, OAuthParameterNames.Token),
        (ProtocolParameter.SignatureMethod, OAuthParameterNames.SignatureMethod),
        (ProtocolParameter.Timestamp, OAuthParameterNames.Timestamp),
        (ProtocolParameter.Nonce, OAuthParameterNames.Nonce),
        (ProtocolParameter.Version, OAuthParameterNames.Version),
        (ProtocolParameter.Callback, OAuthParameterNames.Callback),
        (ProtocolParameter.Verifier, OAuthParameterNames.Verifier),
    ];

    /// <summary>
    /// <c>OAuth realm="…", oauth_consumer_key="…", …, oauth_signature="…"</c>: the realm as an RFC 2617 quoted-string
    /// (not signed), the parameters present as collected, and the base64 signature percent-encoded.
    /// </summary>
    public static string Write(RequestParameters parameters, string? realm, ReadOnlySpan<byte> signature)
    {
        var length = Scheme.Length + (realm is null ? 0 : OAuthParameterNames.Realm.Length + 2 + (2 * realm.Length) + Separator.Length)
            + OAuthParameterNames.Signature.Length + 3 + (3 * SignatureAlgorithm.MaxSignatureLength);
        foreach (var (parameter, name) in Order)
        {
            length += name.Length + 2 + parameters.EncodedValue(parameter).Length + Separator.Length;
        }

        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var header = new Writer(buffer);
            header.Append(Scheme);
            if (realm is not null)
            {
                header.Append(OAuthParameterNames.Realm);
                header.Append("=\"");
                foreach (var c in realm)
                {
                    if (c is '"' or '\\')
                    {
                        header.Append('\\');
                    }

                    header.Append(c);
                }

                header.Append(Separator);
            }

            foreach (var (parameter, name) in Order)
            {
                if (parameters.Has(parameter))
                {
                    header.Append(name);
                    header.Append("=\"");
                    header.Append(parameters.EncodedValue(parameter));
                    header.Append(Separator);
                }
            }

            header.Append(OAuthParameterNames.Signature);
            header.Append("=\"");
            Span<char> base64 = stackalloc char[SignatureAlgorithm.MaxSignatureLength];
            Convert.TryToBase64Chars(signature, base64, out var base64Length);
            foreach (var c in base64[..base64Length])
            {
                if (c switch { '+' => "%2B", '/' => "%2F", '=' => "%3D", _ => null } is { } escape)
                {
                    header.Append(escape);
                }
                else
                {
                    header.Append(c);
                }
            }

            header.Append('"');
            return new string(buffer, 0, header.Length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends to a buffer sized beforehand.</summary>
    private struct Writer(char[] buffer)
    {
        public int Length { get; private set; }

        public void Append(char c) => buffer[Length++] = c;

        public void Append(ReadOnlySpan<char> text)
        {
            text.CopyTo(buffer.AsSpan(Length));
            Length += text.Length;
        }
    }
}
