using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Validates <see cref="IntegrationsOptions"/> at start-up (generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class IntegrationsOptionsValidator : IValidateOptions<IntegrationsOptions>;
