using Integrations.Model;

namespace Integrations.Stores;

/// <summary>
/// The integration changed (or was deleted) since it was read; the write was refused and nothing changed.
/// Every store reports an optimistic-concurrency conflict with this exception and never swallows it.
/// </summary>
public sealed class IntegrationConcurrencyException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="id">The integration that changed.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    public IntegrationConcurrencyException(Guid id, Exception? innerException = null)
        : base("The integration was changed by someone else in the meantime. Reload it and try again.", innerException)
    {
        IntegrationId = id;
    }

    /// <summary>The integration that changed.</summary>
    public Guid IntegrationId { get; }
}
