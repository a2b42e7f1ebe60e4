using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Integrations.Acl;

/// <summary>
/// Reads <see cref="ResourceAclOptions"/> from a configuration section without reflection:
/// <c>AllowAnonymousGuestAccess</c> and a <c>Resources</c> array whose entries have <c>Id</c>, <c>Title</c>,
/// <c>GuestEligible</c> and a <c>Children</c> array. Resources are an array because a configuration key cannot hold
/// the <c>::</c> of a resource id.
/// </summary>
internal static class AclConfigurationReader
{
    public static void Read(IConfiguration section, ResourceAclOptions options)
    {
        var guestAccess = section.GetSection(nameof(ResourceAclOptions.AllowAnonymousGuestAccess));
        if (guestAccess.Value is not null)
        {
            options.AllowAnonymousGuestAccess = ParseFlag(guestAccess);
        }

        ReadLevel(section.GetSection(nameof(ResourceAclOptions.Resources)), options.Resources, 0);
    }

    private static void ReadLevel(IConfigurationSection level, IList<ResourceDeclaration> declarations, int depth)
    {
        // One level past the limit is read so that the tree compiler reports the nesting.
        if (depth > ResourceTreeCompiler.MaxDepth)
        {
            return;
        }

        foreach (var entry in level.GetChildren())
        {
            var guestEligible = entry.GetSection(nameof(ResourceDeclaration.GuestEligible));
            var declaration = new ResourceDeclaration
            {
                Id = entry[nameof(ResourceDeclaration.Id)],
                Title = entry[nameof(ResourceDeclaration.Title)],
                GuestEligible = guestEligible.Value is not null && ParseFlag(guestEligible),
            };
            ReadLevel(entry.GetSection(nameof(ResourceDeclaration.Children)), declaration.Children, depth + 1);
            declarations.Add(declaration);
        }
    }

    private static bool ParseFlag(IConfigurationSection setting) =>
        bool.TryParse(setting.Value, out var flag)
            ? flag
            : throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The configuration value '{setting.Path}' is '{setting.Value}'; expected true or false."));
}
