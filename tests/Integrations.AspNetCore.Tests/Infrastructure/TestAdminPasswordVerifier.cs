using Integrations.Security;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>One admin, "admin" / "secret-password".</summary>
public sealed class TestAdminPasswordVerifier : IAdminPasswordVerifier
{
    public static readonly AdminConfirmation Admin = new("admin", "secret-password");

    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(confirmation.AdminId == Admin.AdminId && confirmation.Password == Admin.Password);
}
