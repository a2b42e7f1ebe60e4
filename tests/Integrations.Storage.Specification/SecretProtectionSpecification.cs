using Integrations.Model;
using Integrations.Security;

namespace Integrations.Storage.Specification;

/// <summary>
/// The stores keep what an <see cref="ISecretProtector"/> made without touching it: every way of reading an
/// integration back gives values the same protector turns into the clear secrets again. Run with each protector a host
/// can choose (<see cref="SecretProtectors"/>): the default AES-GCM one and the ASP.NET Core Data Protection one, whose
/// values are longer and of another alphabet.
/// </summary>
public abstract class SecretProtectionSpecification : StoreSpecification
{
    /// <summary>The protector under test, as the host would configure it.</summary>
    protected abstract ISecretProtector Protector { get; }

    [Fact]
    public async Task Protected_secrets_read_back_by_id_consumer_key_and_token_hash_unprotect_to_the_clear_values()
    {
        var (integration, clear) = Protected("Acme");
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        await using var scope = await OpenScopeAsync();
        var byId = await scope.Integrations.FindByIdAsync(integration.Id, default);
        var byKey = await scope.Integrations.FindByConsumerKeyAsync(integration.ConsumerKey, default);
        var byToken = await scope.Integrations.FindByTokenHashAsync(integration.Token!.Hash, default);

        foreach (var read in new[] { byId, byKey, byToken })
        {
            Clear(read!).Should().Be(clear);
        }
    }

    [Fact]
    public async Task Replaced_token_secrets_read_back_as_the_new_clear_values()
    {
        var (integration, clear) = Protected("Acme");
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var (next, nextClear) = Protected("Acme");
        var reauthorized = SampleIntegrations.Next(integration, i => i with { Token = next.Token });

        await InScopeAsync(s => s.Integrations.UpdateAsync(reauthorized, integration.ConcurrencyToken, default));
        var read = await InScopeAsync(s => s.Integrations.FindByIdAsync(integration.Id, default));

        Clear(read!).Should().Be(clear with { Token = nextClear.Token, TokenSecret = nextClear.TokenSecret });
    }

    /// <summary>An active integration whose secrets were protected by <see cref="Protector"/>, and the clear values.</summary>
    private (Integration Integration, ClearSecrets Clear) Protected(string name)
    {
        var clear = new ClearSecrets(CredentialGenerator.Create(), CredentialGenerator.Create(), CredentialGenerator.Create());
        var integration = SampleIntegrations.New(name, Time.GetUtcNow(), IntegrationStatus.Active, clear.Token);
        return (integration with
        {
            ProtectedConsumerSecret = Protector.Protect(clear.ConsumerSecret),
            Token = integration.Token! with { ProtectedValue = Protector.Protect(clear.Token), ProtectedSecret = Protector.Protect(clear.TokenSecret) },
        }, clear);
    }

    private ClearSecrets Clear(Integration integration) => new(
        Protector.Unprotect(integration.ProtectedConsumerSecret),
        Protector.Unprotect(integration.Token!.ProtectedValue),
        Protector.Unprotect(integration.Token.ProtectedSecret));

    private sealed record ClearSecrets(string ConsumerSecret, string Token, string TokenSecret);
}
