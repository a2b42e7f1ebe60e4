using System.Data.Common;
using System.Runtime.ExceptionServices;
using Integrations.Model;
using Integrations.Storage.EfCore.Entities;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// Turns a write refused by a unique index into the Core's <see cref="DuplicateIntegrationException"/>. The provider's
/// error code says that a unique index refused the write (<see cref="DatabaseDialect"/>); which unique value collided
/// is asked from the database afterwards (is the name, the consumer key, the token hash held by another
/// integration?), through the model, so it holds for any table prefix and any index names, and no error message is read.
/// </summary>
internal static class DatabaseErrors
{
    /// <summary>
    /// Whether the provider's error code says a unique index refused the write (no I/O: for a <c>when</c> filter).
    /// Always <see langword="false"/> on a provider without a <see cref="DatabaseDialect"/>: its errors pass unchanged.
    /// </summary>
    public static bool IsUniqueViolation(DbContext context, DbUpdateException exception) =>
        exception.InnerException is DbException database
        && DatabaseDialect.For(context.Database.ProviderName) is { } dialect
        && dialect.IsUniqueViolation(database);

    /// <summary>
    /// The Core exception for the unique value of <paramref name="integration"/> that another integration holds,
    /// in the order name, consumer key, token. When none is (the primary key collided, or the other row is gone
    /// already) or the database cannot be asked, rethrows <paramref name="exception"/> as it was.
    /// </summary>
    /// <remarks>
    /// In a transaction the refused statement has been rolled back to EF's automatic savepoint, so PostgreSQL
    /// answers the probe (with <c>AutoSavepointsEnabled</c> turned off it cannot, and the error stays as it was).
    /// </remarks>
    public static async Task<DuplicateIntegrationException> AsDuplicateAsync(
        DbContext context, DbUpdateException exception, Integration integration, CancellationToken cancellationToken)
    {
        IntegrationUniqueField? taken;
        try
        {
            taken = await FindTakenAsync(context, integration, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            taken = null;
        }

        switch (taken)
        {
            case IntegrationUniqueField.Name:
                return DuplicateIntegrationException.ForName(integration.Name, exception);
            case IntegrationUniqueField.ConsumerKey:
                return new DuplicateIntegrationException(IntegrationUniqueField.ConsumerKey, "The consumer key is already in use.", exception);
            case IntegrationUniqueField.Token:
                return new DuplicateIntegrationException(IntegrationUniqueField.Token, "The token is already in use.", exception);
            default:
                ExceptionDispatchInfo.Throw(exception);
                throw exception; // not reached
        }
    }

    private static async Task<IntegrationUniqueField?> FindTakenAsync(DbContext context, Integration integration, CancellationToken cancellationToken)
    {
        var id = integration.Id;
        var integrations = context.Set<IntegrationEntity>().AsNoTracking().Where(e => e.Id != id);
        var normalizedName = integration.NormalizedName;
        if (await integrations.AnyAsync(e => e.NormalizedName == normalizedName, cancellationToken).ConfigureAwait(false))
        {
            return IntegrationUniqueField.Name;
        }

        var consumerKey = integration.ConsumerKey;
        if (await integrations.AnyAsync(e => e.ConsumerKey == consumerKey, cancellationToken).ConfigureAwait(false))
        {
            return IntegrationUniqueField.ConsumerKey;
        }

        if (integration.Token?.Hash is { } tokenHash
            && await context.Set<IntegrationTokenEntity>().AsNoTracking().AnyAsync(t => t.IntegrationId != id && t.Hash == tokenHash, cancellationToken).ConfigureAwait(false))
        {
            return IntegrationUniqueField.Token;
        }

        return null;
    }
}
