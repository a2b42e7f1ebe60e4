namespace Integrations.Handshake.Tests.Support;

/// <summary>One request the third party received on its callback URL, as it arrived on the wire.</summary>
internal sealed record ReceivedCallback(string Method, string? ContentType, string Body)
{
    /// <summary>The form fields in wire order, decoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = Parse(Body);

    public string this[string name] => Fields.Single(f => f.Key == name).Value;

    private static List<KeyValuePair<string, string>> Parse(string body) =>
        body.Length == 0
            ? []
            : body.Split('&').Select(pair =>
            {
                var parts = pair.Split('=', 2);
                return KeyValuePair.Create(Decode(parts[0]), Decode(parts.Length > 1 ? parts[1] : string.Empty));
            }).ToList();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
