using Integrations.Acl;
using Integrations.Lifecycle;
using Microsoft.Extensions.Options;

namespace Integrations.Configuration;

/// <summary>Validates every declaration at start-up with the same rules as the admin form (resources must be in the ACL tree), and that names are unique.</summary>
internal sealed class DeclaredIntegrationsOptionsValidator(IResourceAclProvider acl) : IValidateOptions<DeclaredIntegrationsOptions>
{
    public ValidateOptionsResult Validate(string? name, DeclaredIntegrationsOptions options)
    {
        var failures = new List<string>(options.ReadErrors);
        var keysByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var keysById = new Dictionary<Guid, string>();
        foreach (var (key, draft) in options.Integrations)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add("A declared integration needs a non-empty key.");
                continue;
            }

            if (!keysById.TryAdd(DeclaredIntegrationId.For(key), key))
            {
                failures.Add($"Declared integrations '{keysById[DeclaredIntegrationId.For(key)]}' and '{key}' are one integration: keys are compared trimmed and ignoring case.");
            }

            if (draft.ResourceAccess == Model.ResourceAccess.All && draft.Resources is { Count: > 0 })
            {
                failures.Add($"Declared integration '{key}': Resources: resources are listed with ResourceAccess All, which grants every resource; set ResourceAccess to Custom or remove the list.");
            }

            try
            {
                var values = IntegrationDraftValidator.Validate(draft, acl.Tree);
                if (!keysByName.TryAdd(Model.Integration.NormalizeName(values.Name), key))
                {
                    failures.Add($"Declared integrations '{keysByName[Model.Integration.NormalizeName(values.Name)]}' and '{key}' have the same name '{values.Name}'.");
                }
            }
            catch (IntegrationValidationException exception)
            {
                failures.AddRange(exception.Errors.Select(error => $"Declared integration '{key}': {error.Key}: {error.Value}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
