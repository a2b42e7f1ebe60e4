using System.Collections.Immutable;
using System.Globalization;
using System.Net.Mail;
using Integrations.Acl;
using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>Validates and normalizes what an admin entered.</summary>
internal static class IntegrationDraftValidator
{
    public const int MaxNameLength = 255;
    public const int MaxEmailLength = 255;
    public const int MaxUrlLength = 2048;
    public const int MaxResourceIdLength = ResourceTreeCompiler.MaxIdLength;
    private const int MaxUnknownResourcesListed = 10;

    public static ValidatedDraft Validate(IntegrationDraft draft, ResourceTree resourceTree)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(resourceTree);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        var name = draft.Name?.Trim() ?? string.Empty;
        if (IsBlank(name))
        {
            errors[nameof(draft.Name)] = "The integration name is required.";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[nameof(draft.Name)] = $"The integration name must be at most {MaxNameLength} characters.";
        }
        else if (!IsPrintableText(name))
        {
            errors[nameof(draft.Name)] = "The integration name must not contain control characters, line separators or invalid Unicode.";
        }

        var email = string.IsNullOrWhiteSpace(draft.Email) ? null : draft.Email.Trim();
        if (email is not null && !IsValidEmail(email))
        {
            errors[nameof(draft.Email)] = IsPrintableText(email) ? $"'{email}' is not a valid email address." : "The email address is not valid.";
        }

        var callbackUrl = ParseUrl(draft.CallbackUrl, nameof(draft.CallbackUrl), "callback URL", errors);
        var identityLinkUrl = ParseUrl(draft.IdentityLinkUrl, nameof(draft.IdentityLinkUrl), "identity link URL", errors);

        var resources = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (draft.ResourceAccess == ResourceAccess.Custom)
        {
            foreach (var resource in draft.Resources ?? [])
            {
                var id = resource?.Trim();
                if (string.IsNullOrEmpty(id) || id.Length > MaxResourceIdLength)
                {
                    errors[nameof(draft.Resources)] = $"A resource id must be 1 to {MaxResourceIdLength} characters.";
                    break;
                }

                resources.Add(id);
            }

            if (!errors.ContainsKey(nameof(draft.Resources)) && DescribeUnknown(resourceTree.FindUnknown(resources)) is { } unknown)
            {
                errors[nameof(draft.Resources)] = unknown;
            }
        }
        else if (draft.ResourceAccess != ResourceAccess.All)
        {
            errors[nameof(draft.ResourceAccess)] = "Resource access must be All or Custom.";
        }

        if (errors.Count > 0)
        {
            throw new IntegrationValidationException(errors);
        }

        return new ValidatedDraft(name, email, callbackUrl, identityLinkUrl, draft.ResourceAccess, resources.ToImmutable(), draft.BearerTokenAllowed);
    }

    private static string? DescribeUnknown(IReadOnlyList<string> unknown)
    {
        if (unknown.Count == 0)
        {
            return null;
        }

        var listed = string.Join(", ", unknown.Take(MaxUnknownResourcesListed).Select(id => $"'{id}'"));
        var more = unknown.Count > MaxUnknownResourcesListed ? $" and {unknown.Count - MaxUnknownResourcesListed} more" : string.Empty;
        return unknown.Count == 1 ? $"The resource {listed} does not exist." : $"The resources {listed}{more} do not exist.";
    }

    /// <summary>Whether <paramref name="name"/> shows nothing: empty, or only invisible format characters (zero-width spaces, byte order marks).</summary>
    private static bool IsBlank(string name) =>
        name.All(c => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>
    /// Whether <paramref name="text"/> is well-formed UTF-16 on one line: no control character (NUL, line breaks, ...),
    /// no line or paragraph separator (U+2028, U+2029: a log viewer breaks the line there too), no lone surrogate. Other
    /// text shows nothing an admin can read or tell apart, and databases refuse some of it (PostgreSQL stores no NUL).
    /// </summary>
    private static bool IsPrintableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static bool IsValidEmail(string email) =>
        email.Length <= MaxEmailLength
        && IsPrintableText(email)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Split('.') is { Length: >= 2 } labels
        && Array.TrueForAll(labels, label => label.Length > 0); // a label after the last dot, and none empty (Magento: [^@]+@[^.]+\..+)

    private static Uri? ParseUrl(string? value, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > MaxUrlLength
            || !IsPrintableText(text)
            || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host)
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors[field] = $"The {label} must be an absolute http or https URL.";
            return null;
        }

        return url;
    }
}
