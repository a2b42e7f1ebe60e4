using Integrations.Model;

namespace Integrations.Stores;

/// <summary>
/// A unique value is already taken: an integration name (case-insensitively; Magento's "Integration with name
/// '%1' exists."), a consumer key or a token. Stores throw it when a unique constraint refuses a write.
/// </summary>
public sealed class DuplicateIntegrationException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">Which unique value collided.</param>
    /// <param name="message">The user-readable message.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    public DuplicateIntegrationException(IntegrationUniqueField field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>Which unique value collided.</summary>
    public IntegrationUniqueField Field { get; }

    /// <summary>Creates the exception for a taken name, with Magento's phrase.</summary>
    /// <param name="name">The name that is taken.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    /// <returns>The exception.</returns>
    public static DuplicateIntegrationException ForName(string name, Exception? innerException = null) =>
        new(IntegrationUniqueField.Name, $"Integration with name '{name}' exists.", innerException);
}
