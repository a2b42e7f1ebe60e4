using Microsoft.Extensions.Options;

namespace Integrations.Cleanup;

/// <summary>Validates <see cref="NonceCleanupOptions"/> at start-up (generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class NonceCleanupOptionsValidator : IValidateOptions<NonceCleanupOptions>;
