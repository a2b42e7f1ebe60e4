using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using Integrations.Samples.Shop.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// Sign-out revokes the session: each sign-in gets a session id in its cookie, sign-out records the id in the shop's
/// database (table <c>shop_revoked_session</c>) until the cookie would have expired anyway, and a cookie carrying a
/// revoked id (a copy kept after sign-out) is rejected: after a restart too, and on every shop instance sharing the
/// database. Only admin requests carry the cookie, so the API never pays for the lookup.
/// </summary>
internal sealed partial class ShopSessions(IServiceScopeFactory scopes, TimeProvider time, ILogger<ShopSessions> logger)
{
    public const string SessionClaim = "shop_session";

    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS shop_revoked_session (session text PRIMARY KEY, expires_at bigint NOT NULL)";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static Claim NewSessionClaim() => new(SessionClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public async Task RevokeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaim)?.Value is not { } session)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = now + (long)Lifetime.TotalSeconds;
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database;
        await database.ExecuteSqlAsync($"DELETE FROM shop_revoked_session WHERE expires_at <= {now}", cancellationToken);
        await database.ExecuteSqlAsync(
            $"INSERT INTO shop_revoked_session (session, expires_at) VALUES ({session}, {expiresAt}) ON CONFLICT (session) DO NOTHING",
            cancellationToken);
    }

    /// <summary>Rejects a cookie without a session id or with a revoked one; also when the database cannot say (fail closed).</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(SessionClaim)?.Value is not { } session || await IsRevokedAsync(session, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
        }
    }

    private async Task<bool> IsRevokedAsync(string session, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database;
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            return await database
                .SqlQuery<int>($"SELECT 1 AS \"Value\" FROM shop_revoked_session WHERE session = {session} AND expires_at > {now}")
                .AnyAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            LogUnreadable(logger, exception);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revoked sessions could not be read; the admin session is refused until the database answers.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
