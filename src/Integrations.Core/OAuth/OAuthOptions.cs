using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Integrations.OAuth.Parameters;

namespace Integrations.OAuth;

/// <summary>Settings of the OAuth 1.0a request validator. Validated at start-up.</summary>
public sealed class OAuthOptions
{
    /// <summary>Whether <c>HMAC-SHA1</c> is accepted (default <see langword="true"/>; Magento 2.4.4+ accepts only HMAC-SHA256).</summary>
    public bool AllowHmacSha1 { get; set; } = true;

    /// <summary>Whether <c>HMAC-SHA256</c> is accepted (default <see langword="true"/>).</summary>
    public bool AllowHmacSha256 { get; set; } = true;

    /// <summary>
    /// How far <c>oauth_timestamp</c> may be from the server's clock, in both directions (default 600 seconds; 1 second to
    /// 1 day). Nonces are kept until the request's timestamp leaves this window, so no accepted request can be replayed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = OptionsValidation.TimeSpanRange)]
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>The shortest accepted <c>oauth_nonce</c> (default 8; RestSharp sends 16, Magento 32, ruby-oauth about 42).</summary>
    [Range(1, 255)]
    public int NonceMinLength { get; set; } = 8;

    /// <summary>The longest accepted <c>oauth_nonce</c> (default 64, at most 255).</summary>
    [Range(1, 255)]
    public int NonceMaxLength { get; set; } = 64;

    /// <summary>
    /// Opt-in diagnostics: a <see cref="OAuthProblemReason.SignatureInvalid"/> rejection carries the base string the
    /// server computed (<see cref="OAuthProblem.BaseString"/>; never a secret). Off by default.
    /// </summary>
    public bool IncludeBaseStringInProblems { get; set; }

    /// <summary>
    /// The public address of the application when it is reached through a reverse proxy, for example
    /// <c>https://shop.example.com/</c>: the scheme, host and port of the signed URL are taken from it, and its path, if
    /// any, is put in front of the received path (for proxies that strip a prefix). <see langword="null"/> (default) uses
    /// the URL the host adapter resolved (in ASP.NET Core: after the host's forwarded-headers middleware, which
    /// rebuilds scheme, host and path base from the headers of the proxies it trusts).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long the keyed HMAC state of a credential is kept after its last use (default 10 minutes; zero turns the
    /// cache off). The cache spares decrypting the secrets and setting up the HMAC key on every call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = OptionsValidation.TimeSpanRange)]
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest <c>application/x-www-form-urlencoded</c> body the validator reads to check a signature (default 1 MiB;
    /// 1 KiB to 64 MiB). A longer signed form body is refused (<see cref="OAuthProblemReason.FormBodyTooLarge"/>, 413)
    /// before any work, so a large body cannot make an unauthenticated request expensive. Other bodies are not signed
    /// and not read.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxFormBodyLength { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most parameters a signed request may carry in its header, query and form body together (default 1,000, as
    /// PHP's <c>max_input_vars</c>; 16 to 100,000). More is refused (<see cref="OAuthProblemReason.TooManyParameters"/>,
    /// 400) while collecting, before any lookup, so no request can make normalizing expensive.
    /// </summary>
    [Range(16, 100_000)]
    public int MaxParameterCount { get; set; } = RequestParameters.DefaultMaxParameterCount;

    /// <summary>The most credentials whose keyed HMAC state is kept (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int KeyCacheSize { get; set; } = 1000;
}
