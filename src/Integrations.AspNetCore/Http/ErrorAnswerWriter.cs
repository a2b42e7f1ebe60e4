using System.Text.Json;
using Integrations.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Integrations.AspNetCore.Http;

/// <summary>Writes an <see cref="IntegrationsErrorAnswer"/> the way Magento answers API calls (JSON), and the OAuth challenge header.</summary>
internal static class ErrorAnswerWriter
{
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>Writes <c>{"message":…,"parameters":…}</c> (parameters omitted when there are none).</summary>
    public static Task WriteJsonAsync(HttpResponse response, IntegrationsErrorAnswer answer, string realm, TimeSpan retryAfter)
    {
        PrepareResponse(response, answer.StatusCode, answer.Problem, realm, retryAfter);
        response.ContentType = "application/json; charset=utf-8";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteError(json, answer);
        }

        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    /// <summary>Encodes a form value: RFC 3986 percent-encoding with spaces as <c>+</c>.</summary>
    public static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>
    /// Sets the status and the headers of a refusal: no caching, the OAuth challenge on a 401, and <c>Retry-After</c> on
    /// a 503 (the stores could not answer).
    /// </summary>
    public static void PrepareResponse(HttpResponse response, int statusCode, string? problem, string realm, TimeSpan retryAfter)
    {
        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        response.Headers.Remove(HeaderNames.Location); // a redirect another scheme set (a cookie's sign-in page) means nothing on this answer
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            response.Headers.Append(HeaderNames.WWWAuthenticate, Challenge(realm, problem));
        }
        else if (statusCode == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The <c>WWW-Authenticate</c> value: <c>OAuth realm="…"</c>, with <c>oauth_problem="…"</c> when known.</summary>
    public static string Challenge(string realm, string? problem) =>
        problem is null ? $"OAuth realm=\"{realm}\"" : $"OAuth realm=\"{realm}\", oauth_problem=\"{problem}\"";

    /// <summary>Writes one error object; the single errors of an aggregate go under <c>errors</c>, each in the same shape.</summary>
    private static void WriteError(Utf8JsonWriter json, IntegrationsErrorAnswer answer)
    {
        json.WriteStartObject();
        json.WriteString("message", answer.Message);
        if (answer.Errors.Count > 0)
        {
            json.WriteStartArray("errors");
            foreach (var error in answer.Errors)
            {
                WriteError(json, error);
            }

            json.WriteEndArray();
        }

        if (answer.NamedParameters.Count > 0)
        {
            json.WriteStartObject("parameters");
            foreach (var (name, value) in answer.NamedParameters)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }
        else if (answer.PositionalParameters.Count > 0)
        {
            json.WriteStartArray("parameters");
            foreach (var value in answer.PositionalParameters)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        if (answer.BaseString is not null)
        {
            json.WriteString("base_string", answer.BaseString);
        }

        json.WriteEndObject();
    }
}
