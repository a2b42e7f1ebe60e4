using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integrations.Client.Signing;
using Integrations.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Client.Errors;

/// <summary>
/// A shop's refusal of a signed request (HTTP 401), as the client can tell it: the RFC-style problem code the shop
/// announced (<c>WWW-Authenticate: OAuth …, oauth_problem="signature_invalid"</c>), Magento's phrase from the body
/// (<c>{"message":…}</c> of an API call or <c>oauth_problem=…</c> of a token endpoint) and, when the shop runs with its
/// diagnostics on, the base string it computed next to the one this client signed, so "signature invalid" says where
/// they differ. Its text (<see cref="ToString"/>, the message of <see cref="OAuthRejectedException"/>) holds no secret:
/// the token and verifier values of the base strings are starred out there (the two properties keep them as signed).
/// </summary>
public sealed partial class OAuthRejection
{
    private const int MaxBodyChars = 16 * 1024;

    /// <summary>Creates a rejection.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="problemCode">The RFC-style problem code, or <see langword="null"/> when the shop did not announce one (Magento itself does not).</param>
    /// <param name="phrase">The shop's phrase, or <see langword="null"/> when its answer had none.</param>
    public OAuthRejection(HttpStatusCode statusCode, string? problemCode, string? phrase)
    {
        StatusCode = statusCode;
        ProblemCode = problemCode;
        Phrase = phrase;
    }

    /// <summary>The HTTP status the shop answered (401 for the refusals of OAuth, 400 for a malformed request).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The RFC-style problem code (<c>signature_invalid</c>, <c>token_rejected</c>, <c>nonce_used</c>, …), or <see langword="null"/>.</summary>
    public string? ProblemCode { get; }

    /// <summary>The shop's phrase (for example <c>The signature is invalid. Verify and try again.</c>), placeholders filled, or <see langword="null"/>.</summary>
    public string? Phrase { get; }

    /// <summary>The signature base string the shop computed (only when its diagnostics are on), or <see langword="null"/>.</summary>
    public string? ServerBaseString { get; init; }

    /// <summary>The signature base string of the request this client sent, computed when the shop sent its own, or <see langword="null"/>.</summary>
    public string? ClientBaseString { get; init; }

    /// <summary>The first index where the two base strings differ, or <see langword="null"/> when either is unknown or they are equal (then the secrets differ).</summary>
    public int? FirstDifference => ServerBaseString is null || ClientBaseString is null
        ? null
        : ServerBaseString.AsSpan().CommonPrefixLength(ClientBaseString) is var common && common == ServerBaseString.Length && common == ClientBaseString.Length ? null : common;

    /// <summary>
    /// Reads a refusal: any answer of status 400 or above (a 401 for OAuth's refusals, a 400 for a malformed request).
    /// Returns <see langword="null"/> for a success. Reads at most 16 K characters of the body; never throws for a
    /// malformed body (the rejection then has no phrase).
    /// </summary>
    /// <param name="response">The shop's answer; its <see cref="HttpResponseMessage.RequestMessage"/> gives the request signed.</param>
    /// <param name="signer">The signer to rebuild the client's base string with (default: a new <see cref="OAuthSigner"/>).</param>
    /// <param name="cancellationToken">A token that can be used to abort reading.</param>
    /// <returns>The rejection, or <see langword="null"/>.</returns>
    public static async Task<OAuthRejection?> ReadAsync(HttpResponseMessage response, IOAuthSigner? signer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode < 400)
        {
            return null;
        }

        var body = await ReadBodyAsync(response.Content, MaxBodyChars, cancellationToken).ConfigureAwait(false);
        var (phrase, serverBaseString) = response.Content.Headers.ContentType?.MediaType switch
        {
            { } json when json.EndsWith("json", StringComparison.OrdinalIgnoreCase) => ReadJson(body),
            _ => ReadForm(body),
        };
        string? clientBaseString = null;
        if (serverBaseString is not null && response.RequestMessage is { } request)
        {
            clientBaseString = await ClientBaseStringAsync(request, signer ?? new OAuthSigner(), cancellationToken).ConfigureAwait(false);
        }

        return new OAuthRejection(response.StatusCode, ProblemCodeOf(response.Headers.WwwAuthenticate), phrase)
        {
            ServerBaseString = serverBaseString,
            ClientBaseString = clientBaseString,
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("The shop refused the request (").Append((int)StatusCode);
        if (ProblemCode is not null)
        {
            text.Append(' ').Append(ProblemCode);
        }

        text.Append("): ").Append(Phrase ?? "no reason given");
        if (FirstDifference is { } at)
        {
            text.Append(CultureInfo.InvariantCulture, $" The signature base strings differ from character {at}: the shop signed '{Masked(ServerBaseString!)}', this client signed '{Masked(ClientBaseString!)}'.");
        }
        else if (ServerBaseString is not null && ClientBaseString is not null)
        {
            text.Append(" The signature base strings are equal: the secrets differ.");
        }

        return text.ToString();
    }

    /// <summary>Reads at most <paramref name="maxChars"/> characters of a body (UTF-8), however long it is (the rest is never read).</summary>
    internal static async Task<string> ReadBodyAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[maxChars];
            var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, length);
        }
    }

    /// <summary>
    /// A base string with the values of <c>oauth_token</c> and <c>oauth_verifier</c> starred out, character for
    /// character (so <see cref="FirstDifference"/> still points into it): the text goes to messages and logs, and an
    /// access token alone may authenticate (Bearer).
    /// </summary>
    private static string Masked(string baseString) =>
        SecretValue().Replace(baseString, static match => match.Groups[1].Value + new string('*', match.Length - match.Groups[1].Length));

    [GeneratedRegex("(oauth_(?:token|verifier)%3D).*?(?=%26|$)")]
    private static partial Regex SecretValue();

    private static (string? Phrase, string? BaseString) ReadJson(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (message is not null && root.TryGetProperty("parameters", out var parameters))
            {
                message = Fill(message, parameters);
            }

            var baseString = root.TryGetProperty("base_string", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            return (message, baseString);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Fill(string message, JsonElement parameters)
    {
        if (parameters.ValueKind == JsonValueKind.Array)
        {
            var index = parameters.GetArrayLength();
            foreach (var value in parameters.EnumerateArray().Reverse())
            {
                // %10 before %1
                message = message.Replace("%" + index.ToString(CultureInfo.InvariantCulture), value.ToString(), StringComparison.Ordinal);
                index--;
            }
        }
        else if (parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in parameters.EnumerateObject())
            {
                message = message.Replace("%" + property.Name, property.Value.ToString(), StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static (string? Phrase, string? BaseString) ReadForm(string body)
    {
        var fields = QueryHelpers.ParseQuery(body);
        return (
            fields.TryGetValue("oauth_problem", out var problem) ? problem.ToString() : null,
            fields.TryGetValue("oauth_signature_base_string", out var baseString) ? baseString.ToString() : null);
    }

    private static string? ProblemCodeOf(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges)
    {
        foreach (var challenge in challenges)
        {
            if (!string.Equals(challenge.Scheme, "OAuth", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is not { } parameter)
            {
                continue;
            }

            const string Name = "oauth_problem=\"";
            var start = parameter.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                start += Name.Length;
                var end = parameter.IndexOf('"', start);
                return end > start ? parameter[start..end] : null;
            }
        }

        return null;
    }

    private static async Task<string?> ClientBaseStringAsync(HttpRequestMessage request, IOAuthSigner signer, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } url || !request.Headers.TryGetValues("Authorization", out var authorization))
        {
            return null;
        }

        var contentType = request.Content?.Headers.ContentType?.ToString();
        var body = OAuthWireRequest.IsFormContentType(contentType) ? await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false) : [];
        var wire = new OAuthWireRequest
        {
            Method = request.Method.Method,
            Url = OAuthSigningHandler.WireUrl(request, url),
            Authorization = authorization.FirstOrDefault(),
            ContentType = contentType,
            Body = body,
        };
        return signer.TryCreateSignatureBase(wire, out var signatureBase, out _) ? signatureBase.BaseString : null;
    }
}
