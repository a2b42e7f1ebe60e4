using Integrations.Acl;
using Integrations.OAuth;
using Integrations.Stores;

namespace Integrations.Core.Tests.PublicApi;

public sealed class PublicSurfaceTests
{
    /// <summary>The most public types Core may expose: each one a host calls, implements or configures.</summary>
    private const int MaxPublicTypes = 70;

    private static readonly Type[] Exported = typeof(IntegrationsBuilder).Assembly.GetExportedTypes();

    [Fact]
    public void Core_exposes_at_most_70_public_types()
    {
        Exported.Should().HaveCountLessThanOrEqualTo(
            MaxPublicTypes,
            "Core's public types are what a host calls, implements or configures; implementation details are internal. Public now: {0}",
            string.Join(", ", Exported.Select(t => t.FullName).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void No_public_type_is_an_implementation_a_host_reaches_through_its_interface()
    {
        // A public class that implements one of Core's own public service interfaces is an implementation detail,
        // except the signer (a host, or the client package, signs with Core alone: new OAuthSigner()) and the default
        // guest-access setting (an admin page flips its IsEnabled at runtime).
        Type[] hostFacing = [typeof(OAuthSigner), typeof(GuestAccessSetting)];
        var interfaces = Exported.Where(t => t.IsInterface).ToHashSet();
        var implementations = Exported
            .Where(t => t.IsClass && !hostFacing.Contains(t) && t.GetInterfaces().Any(interfaces.Contains))
            .Select(t => t.FullName);

        implementations.Should().BeEmpty();
    }

    [Fact]
    public void The_public_structs_are_the_reviewed_ones_and_their_default_never_passes()
    {
        // A new public struct needs the same review: what does its default value mean?
        Exported.Where(t => t.IsValueType && !t.IsEnum).Should().BeEquivalentTo(
            [typeof(OAuthValidationResult), typeof(OAuthWireRequest), typeof(NonceRecord)]);

        default(OAuthValidationResult).Succeeded.Should().BeFalse();
        var signer = new OAuthSigner();
        signer.TryCreateSignatureBase(default, out _, out var problem).Should().BeFalse("a default request has no method and no URL");
        problem!.Reason.Should().Be(OAuthProblemReason.RequestLineInvalid);
        signer.Verify(default, "consumer-secret", null).IsValid.Should().BeFalse();
    }

    [Fact]
    public void No_public_result_enum_means_success_by_default()
    {
        // Enums that report an outcome start at 1, so an uninitialised value is never a success.
        ((int)OAuthProblemReason.RequestLineInvalid).Should().Be(1);
        Enum.IsDefined(default(NonceOutcome)).Should().BeFalse("default(NonceOutcome) must not read as Recorded");
    }
}
