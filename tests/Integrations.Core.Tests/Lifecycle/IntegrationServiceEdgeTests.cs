using Integrations.Activation;
using Integrations.Core.Tests.Acl;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Core.Tests.Lifecycle;

/// <summary>The service's edges: input that would show nothing or break a log line, and a list that expires exchanges as it reads.</summary>
public sealed class IntegrationServiceEdgeTests
{
    private readonly ServiceFixture _fixture = new();

    private IntegrationService Service => _fixture.Service;

    [Fact]
    public async Task A_status_filtered_list_never_returns_an_integration_in_another_status_after_its_exchange_expired()
    {
        var created = await _fixture.CreateAsync("Acme ERP", "https://acme.example/callback");
        var pending = created with
        {
            Status = IntegrationStatus.PendingExchange,
            VerifierHash = CredentialHasher.Hash(CredentialGenerator.Create()),
            ExchangeStartedAt = _fixture.Time.GetUtcNow(),
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
        };
        await _fixture.Store.UpdateAsync(pending, created.ConcurrencyToken, default);
        _fixture.Time.Advance(TimeSpan.FromMinutes(6)); // past the default 300 s exchange window

        var page = await Service.ListAsync(new IntegrationQuery { Status = IntegrationStatus.PendingExchange });

        // the read expires the exchange (the integration becomes Inactive): the grid filtered on "pending" must not show it
        page.Items.Should().BeEmpty("the query asked for pending integrations only, and the only one is Inactive now");
        page.TotalCount.Should().Be(0);
        (await Service.ListAsync(new IntegrationQuery { Status = IntegrationStatus.Inactive })).Items.Should().ContainSingle(i => i.Id == created.Id);
    }

    [Fact]
    public async Task A_name_with_a_unicode_line_separator_cannot_forge_a_line_in_the_log()
    {
        var log = new FakeLogCollector();
        var service = CreateService(new FakeLogger<IntegrationService>(log));
        var forged = "Acme\u2028[Warning] Admin 'root' failed the password confirmation for delete.";

        try
        {
            await service.CreateAsync(ServiceFixture.Draft(forged), ServiceFixture.Admin);
        }
        catch (IntegrationValidationException)
        {
            return; // refusing the name, as a \n in it is refused, is a fix too
        }

        // LogText treats U+2028/U+2029 as line breaks (a log viewer starts a new line there); the name reached the log raw
        log.GetSnapshot().Select(r => r.Message).Should().NotContain(m => m.Contains('\u2028') || m.Contains('\u2029'));
    }

    [Fact]
    public async Task A_callback_or_identity_link_url_whose_host_holds_a_line_separator_is_refused()
    {
        // Uri keeps U+2028 in the host (Host "acme.example\u2028evil"), and the callback poster names the URL in its
        // log lines (events 5000/5001) and in the admin's error message with GetComponents(UriEscaped), which leaves the
        // host unescaped: the line separator reaches the log raw
        foreach (var field in new[] { "CallbackUrl", "IdentityLinkUrl" })
        {
            var draft = ServiceFixture.Draft("Acme " + field);
            var url = "https://acme.example\u2028evil/callback";
            if (field == "CallbackUrl")
            {
                draft.CallbackUrl = url;
            }
            else
            {
                draft.IdentityLinkUrl = url;
            }

            var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

            (await act.Should().ThrowAsync<IntegrationValidationException>(field)).Which.Errors.Should().ContainKey(field);
        }
    }

    [Theory]
    [InlineData("ops@acme.")]
    [InlineData("ops@acme.example.")]
    public async Task An_email_whose_domain_ends_with_a_dot_is_refused(string email)
    {
        // Magento's own pattern for e-mails ([^@]+@[^.]+\..+) needs a label after the dot; the check
        // address.Host.Contains('.') is met by the trailing dot alone
        var draft = ServiceFixture.Draft();
        draft.Email = email;

        var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

        (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().ContainKey("Email");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u200B\u200C\u200D")]
    public async Task A_name_of_invisible_characters_alone_is_refused_as_missing(string name)
    {
        var act = () => _fixture.CreateAsync(name);

        (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().ContainKey("Name");
    }

    private IntegrationService CreateService(Microsoft.Extensions.Logging.ILogger<IntegrationService> logger)
    {
        var activation = Options.Create(new ActivationOptions());
        var httpClients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new IntegrationService(
            _fixture.Store,
            [new Verifier()],
            _fixture.Acl.Provider,
            _fixture.Protector,
            _fixture.Time,
            logger,
            new CallbackCredentialPoster(httpClients, activation, _fixture.Time, _fixture.Acl.Metrics.Metrics, NullLogger<CallbackCredentialPoster>.Instance),
            new IntegrationEventPublisher(new ServiceCollection().BuildServiceProvider(), NullLogger<IntegrationEventPublisher>.Instance),
            activation,
            Options.Create(new IntegrationsOptions()));
    }

    private sealed class Verifier : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(confirmation.Password == ServiceFixture.AdminPassword);
    }
}
