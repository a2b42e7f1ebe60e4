using Integrations.Security;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>Accepts every admin password: these tests are about storage, not about the confirmation.</summary>
internal sealed class AcceptingAdminPasswordVerifier : IAdminPasswordVerifier
{
    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
