using System.Collections.Immutable;
using Integrations.Model;

namespace Integrations.Core.Tests.Acl;

/// <summary>Integration snapshots as a store would return them, for decisions that need no lifecycle.</summary>
internal static class Integrations
{
    public static Integration Active(ResourceAccess access, params string[] resources) => With(IntegrationStatus.Active, access, resources);

    public static Integration With(IntegrationStatus status, ResourceAccess access, params string[] resources) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Acme ERP",
        Status = status,
        ResourceAccess = access,
        Resources = ImmutableSortedSet.Create(StringComparer.Ordinal, resources),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        ConcurrencyToken = "v1",
        ConsumerKey = "k3y0000000000000000000000000000a",
        ProtectedConsumerSecret = "protected",
    };
}
