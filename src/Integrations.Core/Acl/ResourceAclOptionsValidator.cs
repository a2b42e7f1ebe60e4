using Microsoft.Extensions.Options;

namespace Integrations.Acl;

/// <summary>Validates the declared resource tree at start-up and on every change.</summary>
internal sealed class ResourceAclOptionsValidator : IValidateOptions<ResourceAclOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceAclOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ResourceTreeCompiler.Compile(options.Resources, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
