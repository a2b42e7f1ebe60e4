using System.Text.RegularExpressions;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Stores;
using Microsoft.Extensions.Localization;

namespace Integrations.AspNetCore.Admin.Messages;

/// <summary>
/// The library's messages in the page's language. A validation error is translated field by field
/// (<see cref="IntegrationValidationException.Errors"/>); a message that embeds a value (the e-mail address typed, the
/// name that is taken) is matched against its English template, keyed by field, and the value is put into the
/// translated template. A message with no translation is shown as the library wrote it.
/// </summary>
internal static class LibraryMessages
{
    private static readonly Dictionary<string, MessageTemplate[]> FieldTemplates = new(StringComparer.Ordinal)
    {
        [nameof(IntegrationDraft.Name)] =
        [
            new("The integration name is required."),
            new("The integration name must be at most {0} characters."),
            new("The integration name must not contain control characters, line separators or invalid Unicode."),
        ],
        [nameof(IntegrationDraft.Email)] =
        [
            new("'{0}' is not a valid email address."),
            new("The email address is not valid."),
        ],
        [nameof(IntegrationDraft.CallbackUrl)] = [new("The callback URL must be an absolute http or https URL.")],
        [nameof(IntegrationDraft.IdentityLinkUrl)] = [new("The identity link URL must be an absolute http or https URL.")],
        [nameof(IntegrationDraft.Resources)] =
        [
            new("A resource id must be 1 to {0} characters."),
            new("The resource {0} does not exist."),
        ],
        [nameof(IntegrationDraft.ResourceAccess)] = [new("Resource access must be All or Custom.")],
    };

    private static readonly MessageTemplate DuplicateName = new("Integration with name '{0}' exists.");

    /// <summary>The message of a refused action, translated where a translation exists.</summary>
    /// <param name="exception">What the library refused.</param>
    /// <param name="text">The admin pages' texts.</param>
    /// <returns>The message to show.</returns>
    public static string Localize(IntegrationException exception, IStringLocalizer text) => exception switch
    {
        IntegrationValidationException validation => string.Join(
            " ",
            validation.Errors.Select(error => Localize(FieldTemplates.GetValueOrDefault(error.Key) ?? [], error.Value, text))),
        DuplicateIntegrationException { Field: IntegrationUniqueField.Name } => Localize([DuplicateName], exception.Message, text),
        _ => text[exception.Message],
    };

    private static string Localize(MessageTemplate[] templates, string message, IStringLocalizer text)
    {
        foreach (var template in templates)
        {
            if (template.Match(message) is { } values)
            {
                return text[template.Text, values];
            }
        }

        return message;
    }

    /// <summary>An English message, possibly with one <c>{0}</c> for a value, and the resource key of its translations.</summary>
    private sealed class MessageTemplate
    {
        private readonly Regex pattern;

        public MessageTemplate(string text)
        {
            Text = text;
            pattern = new Regex(
                "^" + Regex.Escape(text).Replace(@"\{0}", "(.+)", StringComparison.Ordinal) + "$",
                RegexOptions.Singleline | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }

        public string Text { get; }

        /// <summary>The values in <paramref name="message"/> when it is this template's, else <see langword="null"/>.</summary>
        public object[]? Match(string message)
        {
            var match = pattern.Match(message);
            return match.Success ? match.Groups.Values.Skip(1).Select(group => (object)group.Value).ToArray() : null;
        }
    }
}
