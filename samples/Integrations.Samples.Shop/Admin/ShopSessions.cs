using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// Sign-out revokes the session: each sign-in gets a session id in its cookie, sign-out remembers the id until the
/// cookie would have expired anyway, and a cookie carrying a revoked id (a copy kept after sign-out) is rejected.
/// Kept in memory: shop instances behind one address each know the sign-outs they handled.
/// </summary>
internal sealed class ShopSessions(TimeProvider time)
{
    public const string SessionClaim = "shop_session";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, DateTimeOffset> revoked = new(StringComparer.Ordinal);

    public static Claim NewSessionClaim() => new(SessionClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public void Revoke(ClaimsPrincipal user)
    {
        var now = time.GetUtcNow();
        foreach (var (id, until) in revoked)
        {
            if (until <= now)
            {
                revoked.TryRemove(id, out _);
            }
        }

        if (user.FindFirst(SessionClaim)?.Value is { } session)
        {
            revoked[session] = now + Lifetime;
        }
    }

    /// <summary>Rejects a cookie without a session id or with a revoked one.</summary>
    public Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(SessionClaim)?.Value is not { } session || revoked.ContainsKey(session))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }
}
