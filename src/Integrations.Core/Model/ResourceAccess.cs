namespace Integrations.Model;

/// <summary>Which API resources an integration may reach (Magento's "Resource Access").</summary>
public enum ResourceAccess
{
    /// <summary>Only the resources listed in <see cref="Integration.Resources"/> (and their ancestors).</summary>
    Custom = 0,

    /// <summary>Every resource, including resources the host adds later.</summary>
    All = 1,
}
