using Integrations.Security;

namespace Integrations.Handshake.Tests.Support;

/// <summary>The host's password check in these tests: one admin with a known password.</summary>
internal sealed class KnownAdmin : IAdminPasswordVerifier
{
    public static AdminConfirmation Confirmation { get; } = new("admin", "correct horse");

    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(confirmation.AdminId == Confirmation.AdminId && confirmation.Password == Confirmation.Password);
}
