using System.Globalization;
using System.Net;

namespace Integrations.LoadTest;

/// <summary>The answers to one burst, by status code; a missing answer (connection failure, timeout) counts as a server error.</summary>
internal sealed class BurstOutcome(IReadOnlyList<HttpStatusCode?> answers)
{
    public int Requests => answers.Count;

    /// <summary>Answers 200.</summary>
    public int Ok => answers.Count(a => a == HttpStatusCode.OK);

    /// <summary>Answers 401.</summary>
    public int Unauthorized => answers.Count(a => a == HttpStatusCode.Unauthorized);

    /// <summary>Answers 5xx and requests that got no answer.</summary>
    public int ServerErrors => answers.Count(a => a is null or >= HttpStatusCode.InternalServerError);

    /// <summary>Every other answer.</summary>
    public int Other => Requests - Ok - Unauthorized - ServerErrors;

    /// <summary>The answers by status, e.g. <c>200×1 401×998 500×1</c> (<c>none</c>: no answer).</summary>
    public string Describe() => string.Join(' ', answers
        .GroupBy(a => a is null ? "none" : ((int)a).ToString(CultureInfo.InvariantCulture))
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}×{g.Count()}")));
}
