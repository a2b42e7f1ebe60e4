using System.Globalization;
using Integrations.AspNetCore.Admin.Messages;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Stores;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class LibraryMessagesTests
{
    private static readonly IStringLocalizer Text = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(AdminText));

    [Fact]
    public void A_refused_save_is_translated_field_by_field_with_the_values_it_names()
    {
        var refused = new IntegrationValidationException(new Dictionary<string, string>
        {
            [nameof(IntegrationDraft.Name)] = "The integration name is required.",
            [nameof(IntegrationDraft.Email)] = "'ops@' is not a valid email address.",
            [nameof(IntegrationDraft.CallbackUrl)] = "The callback URL must be an absolute http or https URL.",
        });

        InCulture("nl", () => LibraryMessages.Localize(refused, Text)).Should().Be(
            "De naam van de integratie is verplicht. 'ops@' is geen geldig e-mailadres. De callback-URL moet een absolute http- of https-URL zijn.");
        InCulture("en", () => LibraryMessages.Localize(refused, Text)).Should().Be(refused.Message);
    }

    [Fact]
    public void A_taken_name_is_translated_with_the_name()
    {
        var taken = DuplicateIntegrationException.ForName("ERP {0}");

        InCulture("fr", () => LibraryMessages.Localize(taken, Text)).Should().Be("Une intégration nommée 'ERP {0}' existe déjà.");
    }

    [Fact]
    public void A_message_without_a_translation_is_shown_as_the_library_wrote_it()
    {
        var unknown = new IntegrationValidationException(new Dictionary<string, string>
        {
            [nameof(IntegrationDraft.Resources)] = "The resources 'a', 'b' do not exist.",
        });

        InCulture("sv", () => LibraryMessages.Localize(unknown, Text)).Should().Be("The resources 'a', 'b' do not exist.");
    }

    private static string InCulture(string culture, Func<string> localize)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return localize();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
