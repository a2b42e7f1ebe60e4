using System.Buffers;
using System.Net.Http;

namespace Integrations.Client.Signing;

/// <summary>
/// Reads a form-urlencoded request body for signing into a pooled buffer. A <see cref="ByteArrayContent"/> (what
/// <see cref="FormUrlEncodedContent"/> and <see cref="StringContent"/> are) is read in place and can be sent as it is;
/// any other content is buffered first so it can be read again when sent. Other bodies are never read.
/// </summary>
internal static class FormBody
{
    /// <summary>The largest form body signed (a form body larger than this is refused, not buffered).</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>Whether <paramref name="content"/> is a form body (<c>application/x-www-form-urlencoded</c>, any parameters).</summary>
    public static bool IsForm(HttpContent? content) =>
        content?.Headers.ContentType?.MediaType is { } mediaType && string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the whole body into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    public static async ValueTask<(byte[] Buffer, int Length)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content is not ByteArrayContent)
        {
            await content.LoadIntoBufferAsync(MaxLength, cancellationToken).ConfigureAwait(false);
        }

        var length = content.Headers.ContentLength ?? throw new InvalidOperationException("The form body's length is unknown.");
        if (length > MaxLength)
        {
            throw new InvalidOperationException($"The form body is larger than {MaxLength} bytes: it is not signed.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            // in memory in both cases: the synchronous copy completes at once. Not ReadAsStream: the content keeps the
            // stream it returns, so a disposed one would break the next read (a retry signed again)
            using var target = new MemoryStream(buffer, 0, (int)length, writable: true);
            content.CopyTo(target, null, cancellationToken);
            if (target.Position != length)
            {
                throw new InvalidOperationException("The form body is shorter than its length.");
            }

            return (buffer, (int)length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
