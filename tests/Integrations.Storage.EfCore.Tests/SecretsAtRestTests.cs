using Integrations.AspNetCore;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>Decision 5: a dump of the tables holds no secret and no clear token, on either provider.</summary>
public abstract class SecretsAtRestTests(TestDatabase database) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The host's choice of secret protector (default: AES-GCM with the shared key).</summary>
    protected virtual void ConfigureIntegrations(IntegrationsBuilder builder)
    {
    }

    [Fact]
    public async Task The_tables_hold_no_secret_and_no_clear_token_yet_the_service_reads_them_back()
    {
        await using var app = AppInstance.Start(database, _time, ConfigureIntegrations);
        IntegrationCredentials issued;
        IntegrationCredentials reauthorized;
        Guid id;
        await using (var scope = app.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
            var created = await service.CreateAsync(new IntegrationDraft { Name = "Acme ERP", Email = "ops@acme.example" }, new AdminConfirmation("admin", "pw"));
            id = created.Id;
            issued = (await service.ActivateAsync(id)).Credentials;
            reauthorized = (await service.ReauthorizeAsync(id)).Credentials;
        }

        var dump = (await database.ReadRawAsync(IntegrationsTableNames.Integration))
            .Concat(await database.ReadRawAsync(IntegrationsTableNames.Token))
            .ToList();

        var secrets = new[] { issued.ConsumerSecret, issued.AccessToken!, issued.AccessTokenSecret!, reauthorized.AccessToken!, reauthorized.AccessTokenSecret! };
        foreach (var secret in secrets)
        {
            dump.Should().NotContain(value => value.Contains(secret, StringComparison.OrdinalIgnoreCase), "no secret or token is stored in clear");
        }

        dump.Should().Contain(CredentialHasher.Hash(reauthorized.AccessToken!), "the access token is found by its hash");
        dump.Should().NotContain(CredentialHasher.Hash(issued.AccessToken!), "reauthorize replaced the old token");
        await using (var scope = app.CreateAsyncScope())
        {
            var revealed = await scope.ServiceProvider.GetRequiredService<IIntegrationService>().RevealCredentialsAsync(id, new AdminConfirmation("admin", "pw"));
            revealed.Should().Be(reauthorized);
        }
    }
}

public sealed class SqliteSecretsAtRestTests(SqliteTestDatabase database) : SecretsAtRestTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresSecretsAtRestTests(PostgresTestDatabase database) : SecretsAtRestTests(database), IClassFixture<PostgresTestDatabase>;

/// <summary>The same with ASP.NET Core Data Protection protecting the secrets (its values must fit the same columns).</summary>
public abstract class DataProtectionSecretsAtRestTests(TestDatabase database) : SecretsAtRestTests(database)
{
    protected override void ConfigureIntegrations(IntegrationsBuilder builder) =>
        builder.UseDataProtectionSecretProtection().Services.AddDataProtection().UseEphemeralDataProtectionProvider();
}

public sealed class SqliteDataProtectionSecretsAtRestTests(SqliteTestDatabase database) : DataProtectionSecretsAtRestTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresDataProtectionSecretsAtRestTests(PostgresTestDatabase database) : DataProtectionSecretsAtRestTests(database), IClassFixture<PostgresTestDatabase>;
