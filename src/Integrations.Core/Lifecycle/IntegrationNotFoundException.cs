using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>No integration has the given id (Magento's "This integration no longer exists.").</summary>
public sealed class IntegrationNotFoundException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="id">The id that was looked for.</param>
    public IntegrationNotFoundException(Guid id)
        : base("This integration no longer exists.")
    {
        IntegrationId = id;
    }

    /// <summary>The id that was looked for.</summary>
    public Guid IntegrationId { get; }
}
