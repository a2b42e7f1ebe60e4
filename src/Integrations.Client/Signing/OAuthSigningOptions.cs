namespace Integrations.Client.Signing;

/// <summary>How the signing handler of one named client behaves (configured by <see cref="OAuthSigningHttpClientBuilderExtensions.AddIntegrationsOAuthSigning(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder, Action{OAuthSigningOptions})"/>).</summary>
public sealed class OAuthSigningOptions
{
    /// <summary>
    /// Whether a 401 answer is thrown as an <see cref="Errors.OAuthRejectedException"/> carrying the shop's problem
    /// code, phrase and (with the shop's diagnostics on) both base strings. Default <see langword="true"/>; when
    /// <see langword="false"/> the response is returned and <see cref="Errors.OAuthRejection.ReadAsync"/> reads it.
    /// </summary>
    public bool ThrowOnRejection { get; set; } = true;
}
