using Microsoft.AspNetCore.Authentication;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Options of the integrations authentication scheme. The OAuth rules themselves (signature methods, timestamp
/// window, diagnostics, request URL behind proxies) are Core's options; these only shape the HTTP side.
/// </summary>
public sealed class IntegrationsAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with their defaults.</summary>
    public IntegrationsAuthenticationOptions() => Events = new IntegrationsAuthenticationEvents();

    /// <summary>The realm announced in <c>WWW-Authenticate: OAuth realm="…"</c>: printable ASCII without quotes or backslashes. Default <c>Integrations</c>.</summary>
    public string Realm { get; set; } = IntegrationsAuthenticationDefaults.Realm;

    /// <summary>
    /// Whether this host accepts an integration's access token sent alone as <c>Authorization: Bearer &lt;token&gt;</c>
    /// (Magento's "Allow OAuth Access Tokens to be used as standalone Bearer tokens"). Default <see langword="false"/>.
    /// Even when on, only integrations with <see cref="Model.Integration.BearerTokenAllowed"/> set are accepted,
    /// only while Active, and the resource ACL applies exactly as for signed requests.
    /// </summary>
    public bool AllowBearerTokens { get; set; }

    /// <summary>The events raised by the handler; the host may replace it or set its delegates.</summary>
    public new IntegrationsAuthenticationEvents Events
    {
        get => (IntegrationsAuthenticationEvents)base.Events!;
        set => base.Events = value;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        // sent in WWW-Authenticate as a quoted string: the server refuses header values beyond printable ASCII
        if (string.IsNullOrWhiteSpace(Realm) || Realm.AsSpan().ContainsAny('"', '\\') || Realm.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            throw new ArgumentException("IntegrationsAuthenticationOptions.Realm must be non-empty printable ASCII text without quotes or backslashes.", nameof(Realm));
        }
    }
}
