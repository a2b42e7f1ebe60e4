namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// The name this host registered the integrations authentication scheme under (by
/// <see cref="IntegrationsAspNetCoreBuilderExtensions.UseAspNetCore(IntegrationsBuilder, string, Action{IntegrationsAuthenticationOptions}?)"/>
/// or <see cref="IntegrationsAuthenticationExtensions.AddIntegrationsOAuth(Microsoft.AspNetCore.Authentication.AuthenticationBuilder, string, string?, Action{IntegrationsAuthenticationOptions})"/>).
/// A singleton: the resource attribute's policy, the endpoint conventions, the token endpoints and the admin read
/// the scheme's name and options through it, so a custom name reaches them all.
/// </summary>
public sealed class IntegrationsAuthenticationScheme
{
    /// <summary>Creates the value.</summary>
    /// <param name="name">The scheme name.</param>
    public IntegrationsAuthenticationScheme(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The scheme name, <see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/> unless the host chose another.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
