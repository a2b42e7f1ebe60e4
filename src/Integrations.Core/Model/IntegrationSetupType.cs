namespace Integrations.Model;

/// <summary>How an integration came to exist (Magento's <c>setup_type</c>).</summary>
public enum IntegrationSetupType
{
    /// <summary>Created by an admin through <c>IIntegrationService</c>.</summary>
    Manual = 0,

    /// <summary>Declared in configuration or code; reconciled at start-up and read-only for admins.</summary>
    Config = 1,
}
