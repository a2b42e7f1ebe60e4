using Integrations.Security;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.InMemory;

/// <summary>Lets in-memory hosts run without configured keys: their data dies with the process anyway.</summary>
internal sealed class EphemeralSecretKeySetup : IConfigureOptions<SecretProtectionOptions>
{
    public void Configure(SecretProtectionOptions options) => options.UseEphemeralKey = true;
}
