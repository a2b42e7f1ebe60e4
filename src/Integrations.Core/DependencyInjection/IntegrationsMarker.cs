namespace Integrations;

/// <summary>Marks a service collection that already holds the integrations registrations, so they are added once.</summary>
internal sealed class IntegrationsMarker;
