using Integrations.Model;
using Microsoft.Extensions.Configuration;

namespace Integrations.Configuration;

/// <summary>
/// Reads declarations from a configuration section, one child per integration:
/// <c>{ "acme-erp": { "Name": "Acme ERP", "Email": "…", "CallbackUrl": "…", "IdentityLinkUrl": "…",
/// "ResourceAccess": "Custom", "Resources": [ "Magento_Catalog::products" ], "BearerTokenAllowed": false } }</c>.
/// Read explicitly (no reflection binding), so the package stays trimming-safe.
/// </summary>
internal static class DeclaredIntegrationsReader
{
    /// <summary>The settings of a declaration; any other (a misspelt one) stops the start rather than be ignored.</summary>
    private static readonly string[] Settings =
    [
        nameof(IntegrationDraft.Name),
        nameof(IntegrationDraft.Email),
        nameof(IntegrationDraft.CallbackUrl),
        nameof(IntegrationDraft.IdentityLinkUrl),
        nameof(IntegrationDraft.ResourceAccess),
        nameof(IntegrationDraft.Resources),
        nameof(IntegrationDraft.BearerTokenAllowed),
    ];

    public static void Read(IConfiguration section, DeclaredIntegrationsOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            var draft = new IntegrationDraft
            {
                Name = child[nameof(IntegrationDraft.Name)] ?? child.Key,
                Email = child[nameof(IntegrationDraft.Email)],
                CallbackUrl = child[nameof(IntegrationDraft.CallbackUrl)],
                IdentityLinkUrl = child[nameof(IntegrationDraft.IdentityLinkUrl)],
            };

            var access = child[nameof(IntegrationDraft.ResourceAccess)];
            if (access is not null)
            {
                if (Enum.TryParse<ResourceAccess>(access, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(access, out _))
                {
                    draft.ResourceAccess = parsed;
                }
                else
                {
                    options.ReadErrors.Add($"{child.Path}:{nameof(IntegrationDraft.ResourceAccess)}: '{access}' is neither All nor Custom.");
                }
            }

            var bearer = child[nameof(IntegrationDraft.BearerTokenAllowed)];
            if (bearer is not null)
            {
                if (bool.TryParse(bearer, out var allowed))
                {
                    draft.BearerTokenAllowed = allowed;
                }
                else
                {
                    options.ReadErrors.Add($"{child.Path}:{nameof(IntegrationDraft.BearerTokenAllowed)}: '{bearer}' is neither true nor false.");
                }
            }

            var resources = child.GetSection(nameof(IntegrationDraft.Resources));
            if (resources.Value is not null)
            {
                options.ReadErrors.Add($"{resources.Path}: a list of resource ids is expected (\"Resources\": [ \"Vendor_Module::resource\" ]), not one value.");
            }

            foreach (var resource in resources.GetChildren())
            {
                if (resource.Value is { } id)
                {
                    draft.Resources.Add(id);
                }
                else
                {
                    // an object (or a nested list) in the list: dropped, it would leave a Custom integration granting less than declared
                    options.ReadErrors.Add($"{resource.Path}: a resource id is expected (\"Resources\": [ \"Vendor_Module::resource\" ]), not an object, a list or null.");
                }
            }

            foreach (var setting in child.GetChildren())
            {
                if (!Settings.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
                {
                    options.ReadErrors.Add($"{setting.Path}: unknown setting (a declaration has {string.Join(", ", Settings)}).");
                }
            }

            options.Integrations[child.Key] = draft;
        }
    }
}
