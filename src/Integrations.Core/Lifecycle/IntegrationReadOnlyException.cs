using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>An integration declared in configuration cannot be edited or deleted through the admin service.</summary>
public sealed class IntegrationReadOnlyException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Magento's phrase for the refused action.</param>
    public IntegrationReadOnlyException(string message)
        : base(message)
    {
    }

    /// <summary>The refusal of an edit ("The integrations created in the config file can't be edited.").</summary>
    /// <returns>The exception.</returns>
    public static IntegrationReadOnlyException ForEdit() => new("The integrations created in the config file can't be edited.");

    /// <summary>The refusal of a delete ("Uninstall the extension to remove integration '%1'.").</summary>
    /// <param name="name">The integration's name.</param>
    /// <returns>The exception.</returns>
    public static IntegrationReadOnlyException ForDelete(string name) => new($"Uninstall the extension to remove integration '{name}'.");
}
