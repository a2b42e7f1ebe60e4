using System.Diagnostics.CodeAnalysis;
using Integrations.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>Registers the host's integration event subscribers.</summary>
public static class IntegrationsBuilderNotificationExtensions
{
    /// <summary>
    /// Adds a subscriber told about every activation, reauthorization, token exchange and deletion. Several subscribers
    /// may be added; adding the same type twice registers it once. Subscribers are scoped.
    /// </summary>
    /// <typeparam name="TSubscriber">The host's subscriber.</typeparam>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder AddEventSubscriber<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSubscriber>(this IntegrationsBuilder builder)
        where TSubscriber : class, IIntegrationEventSubscriber
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationEventSubscriber, TSubscriber>());
        return builder;
    }
}
