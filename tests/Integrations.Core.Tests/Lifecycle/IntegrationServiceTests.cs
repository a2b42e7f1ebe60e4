using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;

namespace Integrations.Core.Tests.Lifecycle;

public sealed class IntegrationServiceTests
{
    private readonly ServiceFixture _fixture = new();

    private IntegrationService Service => _fixture.Service;

    [Fact]
    public async Task Create_stores_an_inactive_manual_integration_with_fresh_credentials()
    {
        var draft = ServiceFixture.Draft("  Acme ERP  ", "https://acme.example/callback");
        draft.IdentityLinkUrl = "https://acme.example/login";

        var created = await Service.CreateAsync(draft, ServiceFixture.Admin);

        created.Name.Should().Be("Acme ERP");
        created.Status.Should().Be(IntegrationStatus.Inactive);
        created.SetupType.Should().Be(IntegrationSetupType.Manual);
        created.CreatedAt.Should().Be(_fixture.Time.GetUtcNow());
        created.UpdatedAt.Should().Be(_fixture.Time.GetUtcNow());
        created.CallbackUrl.Should().Be(new Uri("https://acme.example/callback"));
        created.Resources.Should().Equal("Magento_Catalog::products");
        created.IsSecure.Should().BeTrue();
        CredentialGenerator.IsWellFormed(created.ConsumerKey).Should().BeTrue();
        created.Token.Should().BeNull();
        CredentialGenerator.IsWellFormed(_fixture.Protector.Unprotect(created.ProtectedConsumerSecret)).Should().BeTrue();
        (await Service.GetAsync(created.Id)).Should().Be(created);
    }

    [Fact]
    public async Task Names_are_unique_case_insensitively_with_Magentos_message()
    {
        await _fixture.CreateAsync("Acme");

        var act = () => _fixture.CreateAsync("ACME");

        await act.Should().ThrowAsync<DuplicateIntegrationException>().WithMessage("Integration with name 'ACME' exists.");
    }

    [Fact]
    public async Task Of_two_parallel_creates_of_one_name_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var fixture = new ServiceFixture();
            var attempts = new[] { "Race", "race" }.Select(name => Task.Run(async () =>
            {
                try
                {
                    await fixture.CreateAsync(name);
                    return true;
                }
                catch (DuplicateIntegrationException)
                {
                    return false;
                }
            }));

            (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
            (await fixture.Service.ListAsync(new IntegrationQuery())).TotalCount.Should().Be(1);
        }
    }

    [Theory]
    [InlineData(null, null, null, "Name", "The integration name is required.")]
    [InlineData("   ", null, null, "Name", "The integration name is required.")]
    [InlineData("ok", "not-an-email", null, "Email", "'not-an-email' is not a valid email address.")]
    [InlineData("ok", "Ops <ops@acme.example>", null, "Email", "'Ops <ops@acme.example>' is not a valid email address.")]
    [InlineData("ok", null, "/relative/callback", "CallbackUrl", "The callback URL must be an absolute http or https URL.")]
    [InlineData("ok", null, "ftp://acme.example/x", "CallbackUrl", "The callback URL must be an absolute http or https URL.")]
    [InlineData("ok", null, "https://user:pw@acme.example/x", "CallbackUrl", "The callback URL must be an absolute http or https URL.")]
    public async Task Invalid_input_is_refused_field_by_field(string? name, string? email, string? callbackUrl, string field, string message)
    {
        var draft = new IntegrationDraft { Name = name, Email = email, CallbackUrl = callbackUrl };

        var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

        var error = (await act.Should().ThrowAsync<IntegrationValidationException>()).Which;
        error.Errors.Should().Contain(field, message);
        (await Service.ListAsync(new IntegrationQuery())).TotalCount.Should().Be(0);
    }

    [Fact]
    public async Task Names_longer_than_255_characters_are_refused()
    {
        var act = () => _fixture.CreateAsync(new string('n', 256));

        (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().ContainKey("Name");
        await _fixture.CreateAsync(new string('n', 255));
    }

    [Fact]
    public async Task An_http_url_makes_the_integration_not_secure()
    {
        var draft = ServiceFixture.Draft();
        draft.IdentityLinkUrl = "http://acme.example/login";

        var created = await Service.CreateAsync(draft, ServiceFixture.Admin);

        created.IsSecure.Should().BeFalse();
    }

    [Fact]
    public async Task A_wrong_password_changes_nothing()
    {
        var act = () => Service.CreateAsync(ServiceFixture.Draft(), ServiceFixture.WrongPassword);
        await act.Should().ThrowAsync<InvalidAdminPasswordException>()
            .WithMessage("The password entered for the current user is invalid. Verify the password and try again.");
        (await Service.ListAsync(new IntegrationQuery())).TotalCount.Should().Be(0);

        var existing = await _fixture.CreateAsync();
        var update = () => Service.UpdateAsync(existing.Id, ServiceFixture.Draft("Renamed"), ServiceFixture.WrongPassword);
        var delete = () => Service.DeleteAsync(existing.Id, ServiceFixture.WrongPassword);
        var reveal = () => Service.RevealCredentialsAsync(existing.Id, ServiceFixture.WrongPassword);

        await update.Should().ThrowAsync<InvalidAdminPasswordException>();
        await delete.Should().ThrowAsync<InvalidAdminPasswordException>();
        await reveal.Should().ThrowAsync<InvalidAdminPasswordException>();
        (await Service.GetAsync(existing.Id)).Should().Be(existing);
    }

    [Fact]
    public async Task Update_changes_fields_and_grants_but_keeps_status_and_credentials()
    {
        var created = await _fixture.CreateAsync();
        var activated = await Service.ActivateAsync(created.Id);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var draft = ServiceFixture.Draft("Acme ERP 2");
        draft.ResourceAccess = ResourceAccess.All;

        var updated = await Service.UpdateAsync(created.Id, draft, ServiceFixture.Admin);

        updated.Name.Should().Be("Acme ERP 2");
        updated.ResourceAccess.Should().Be(ResourceAccess.All);
        updated.Resources.Should().BeEmpty();
        updated.Status.Should().Be(IntegrationStatus.Active);
        updated.ConsumerKey.Should().Be(created.ConsumerKey);
        updated.Token.Should().Be(activated.Integration.Token);
        updated.UpdatedAt.Should().Be(_fixture.Time.GetUtcNow());
        updated.CreatedAt.Should().Be(created.CreatedAt);
        updated.ConcurrencyToken.Should().NotBe(activated.Integration.ConcurrencyToken);
    }

    [Fact]
    public async Task Update_to_another_integrations_name_is_refused_but_a_case_change_of_its_own_is_fine()
    {
        await _fixture.CreateAsync("Globex");
        var acme = await _fixture.CreateAsync("Acme");

        var clash = () => Service.UpdateAsync(acme.Id, ServiceFixture.Draft("globex"), ServiceFixture.Admin);

        await clash.Should().ThrowAsync<DuplicateIntegrationException>().WithMessage("Integration with name 'globex' exists.");
        (await Service.UpdateAsync(acme.Id, ServiceFixture.Draft("ACME"), ServiceFixture.Admin)).Name.Should().Be("ACME");
    }

    [Fact]
    public async Task Config_integrations_cannot_be_edited_or_deleted()
    {
        var created = await _fixture.CreateAsync();
        var config = created with { SetupType = IntegrationSetupType.Config, ConcurrencyToken = "config" };
        await _fixture.Store.UpdateAsync(config, created.ConcurrencyToken, default);

        var update = () => Service.UpdateAsync(created.Id, ServiceFixture.Draft("Other"), ServiceFixture.Admin);
        var delete = () => Service.DeleteAsync(created.Id, ServiceFixture.Admin);

        await update.Should().ThrowAsync<IntegrationReadOnlyException>().WithMessage("The integrations created in the config file can't be edited.");
        await delete.Should().ThrowAsync<IntegrationReadOnlyException>().WithMessage("Uninstall the extension to remove integration 'Acme ERP'.");
        (await Service.GetAsync(created.Id)).Should().Be(config);
    }

    [Fact]
    public async Task Activate_without_a_callback_issues_the_access_token_at_once()
    {
        var created = await _fixture.CreateAsync();

        var result = await Service.ActivateAsync(created.Id);

        result.Integration.Status.Should().Be(IntegrationStatus.Active);
        result.ExchangePending.Should().BeFalse();
        result.IdentityLinkUrl.Should().BeNull();
        var credentials = result.Credentials;
        credentials.ConsumerKey.Should().Be(created.ConsumerKey);
        new[] { credentials.ConsumerSecret, credentials.AccessToken, credentials.AccessTokenSecret }
            .Should().OnlyContain(v => CredentialGenerator.IsWellFormed(v));
        var byToken = await _fixture.Store.FindByTokenHashAsync(CredentialHasher.Hash(credentials.AccessToken!), default);
        byToken!.Id.Should().Be(created.Id);
        byToken.Token!.Type.Should().Be(OAuthTokenType.Access);
        (await Service.RevealCredentialsAsync(created.Id, ServiceFixture.Admin)).Should().Be(credentials);
        result.ToString().Should().NotContain(credentials.AccessTokenSecret).And.NotContain(credentials.ConsumerSecret);
        credentials.ToString().Should().NotContain(credentials.AccessTokenSecret).And.NotContain(credentials.ConsumerSecret);
    }

    [Fact]
    public async Task Activating_an_active_integration_is_refused()
    {
        var created = await _fixture.CreateAsync();
        var active = (await Service.ActivateAsync(created.Id)).Integration;

        var act = () => Service.ActivateAsync(created.Id);

        await act.Should().ThrowAsync<InvalidIntegrationTransitionException>();
        (await Service.GetAsync(created.Id)).Should().Be(active);
    }

    [Fact]
    public async Task Concurrent_allow_clicks_produce_one_credential_set()
    {
        for (var round = 0; round < 20; round++)
        {
            var fixture = new ServiceFixture();
            var created = await fixture.CreateAsync();
            var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                try
                {
                    return await fixture.Service.ActivateAsync(created.Id);
                }
                catch (IntegrationException exception) when (exception is IntegrationConcurrencyException or InvalidIntegrationTransitionException)
                {
                    return null;
                }
            }));

            var winners = (await Task.WhenAll(attempts)).OfType<ActivationResult>().ToList();

            winners.Should().ContainSingle();
            var stored = await fixture.Service.GetAsync(created.Id);
            CredentialHasher.Matches(winners[0].Credentials.AccessToken!, stored!.Token!.Hash).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Allow_for_the_version_the_admin_saw_is_refused_once_someone_else_changed_the_integration()
    {
        var seen = await _fixture.CreateAsync();
        var edited = await Service.UpdateAsync(seen.Id, ServiceFixture.Draft("Acme ERP v2"), ServiceFixture.Admin);

        var allow = () => Service.ActivateAsync(seen.Id, seen.ConcurrencyToken);

        await allow.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await Service.GetAsync(seen.Id)).Should().Be(edited, "nothing was issued for grants the admin did not see");
        (await Service.ActivateAsync(seen.Id, edited.ConcurrencyToken)).Integration.Status.Should().Be(IntegrationStatus.Active);
    }

    [Fact]
    public async Task A_second_reauthorize_posted_for_the_same_version_issues_nothing()
    {
        var created = await _fixture.CreateAsync();
        var active = (await Service.ActivateAsync(created.Id)).Integration;
        var first = await Service.ReauthorizeAsync(active.Id, active.ConcurrencyToken);

        var again = () => Service.ReauthorizeAsync(active.Id, active.ConcurrencyToken);

        await again.Should().ThrowAsync<IntegrationConcurrencyException>();
        var stored = await Service.GetAsync(active.Id);
        stored.Should().Be(first.Integration);
        CredentialHasher.Matches(first.Credentials.AccessToken!, stored!.Token!.Hash).Should().BeTrue("the credentials shown by the first reauthorize stay the valid ones");
    }

    [Fact]
    public async Task A_save_or_delete_for_an_outdated_version_leaves_the_other_admins_change()
    {
        var seen = await _fixture.CreateAsync();
        var theirs = await Service.UpdateAsync(seen.Id, ServiceFixture.Draft("Renamed by Bo"), ServiceFixture.Admin, seen.ConcurrencyToken);

        var save = () => Service.UpdateAsync(seen.Id, ServiceFixture.Draft("Renamed by Al"), ServiceFixture.Admin, seen.ConcurrencyToken);
        var delete = () => Service.DeleteAsync(seen.Id, ServiceFixture.Admin, seen.ConcurrencyToken);

        await save.Should().ThrowAsync<IntegrationConcurrencyException>();
        await delete.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await Service.GetAsync(seen.Id)).Should().Be(theirs);
        await Service.DeleteAsync(seen.Id, ServiceFixture.Admin, theirs.ConcurrencyToken);
        (await Service.GetAsync(seen.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Reauthorize_replaces_the_access_token_and_keeps_the_consumer()
    {
        var created = await _fixture.CreateAsync();
        var first = (await Service.ActivateAsync(created.Id)).Credentials;

        var second = (await Service.ReauthorizeAsync(created.Id)).Credentials;

        second.ConsumerKey.Should().Be(first.ConsumerKey);
        second.ConsumerSecret.Should().Be(first.ConsumerSecret);
        second.AccessToken.Should().NotBe(first.AccessToken);
        second.AccessTokenSecret.Should().NotBe(first.AccessTokenSecret);
        (await _fixture.Store.FindByTokenHashAsync(CredentialHasher.Hash(first.AccessToken!), default)).Should().BeNull("the old token stops working at once");
        (await _fixture.Store.FindByTokenHashAsync(CredentialHasher.Hash(second.AccessToken!), default))!.Id.Should().Be(created.Id);
        (await Service.RevealCredentialsAsync(created.Id, ServiceFixture.Admin)).Should().Be(second);
    }

    [Fact]
    public async Task Reauthorizing_an_inactive_integration_is_refused()
    {
        var created = await _fixture.CreateAsync();

        var act = () => Service.ReauthorizeAsync(created.Id);

        await act.Should().ThrowAsync<InvalidIntegrationTransitionException>().WithMessage("The integration 'Acme ERP' is not active. Activate it first.");
    }

    [Fact]
    public async Task Delete_removes_the_integration_and_everything_issued_for_it()
    {
        var created = await _fixture.CreateAsync();
        var credentials = (await Service.ActivateAsync(created.Id)).Credentials;
        var active = await _fixture.Store.FindByIdAsync(created.Id, default);
        (await _fixture.Nonces.TryAddAsync([new NonceRecord(created.ConsumerKey, "a-nonce-of-the-consumer", _fixture.Time.GetUtcNow().AddMinutes(10), active!.ConcurrencyToken)], default))
            .Should().Equal(NonceOutcome.Recorded);
        _fixture.Nonces.Count(created.ConsumerKey).Should().Be(1);

        await Service.DeleteAsync(created.Id, ServiceFixture.Admin);

        (await Service.GetAsync(created.Id)).Should().BeNull();
        (await _fixture.Store.FindByConsumerKeyAsync(created.ConsumerKey, default)).Should().BeNull();
        (await _fixture.Store.FindByTokenHashAsync(CredentialHasher.Hash(credentials.AccessToken!), default)).Should().BeNull();
        _fixture.Nonces.Count(created.ConsumerKey).Should().Be(0);
    }

    [Fact]
    public async Task Actions_on_a_missing_integration_say_it_no_longer_exists()
    {
        var id = Guid.NewGuid();

        foreach (var act in new Func<Task>[]
        {
            () => Service.ActivateAsync(id),
            () => Service.ReauthorizeAsync(id),
            () => Service.DeleteAsync(id, ServiceFixture.Admin),
            () => Service.UpdateAsync(id, ServiceFixture.Draft(), ServiceFixture.Admin),
            () => Service.RevealCredentialsAsync(id, ServiceFixture.Admin),
        })
        {
            (await act.Should().ThrowAsync<IntegrationNotFoundException>().WithMessage("This integration no longer exists.")).Which.IntegrationId.Should().Be(id);
        }
    }

    [Fact]
    public async Task List_trims_the_filter_and_clamps_the_paging()
    {
        await _fixture.CreateAsync("Acme ERP");
        await _fixture.CreateAsync("Globex");

        var page = await Service.ListAsync(new IntegrationQuery { NameContains = "  acme ", Page = -3, PageSize = 10_000 });

        page.TotalCount.Should().Be(1);
        page.Items.Should().ContainSingle().Which.Name.Should().Be("Acme ERP");
    }

    [Fact]
    public async Task A_page_far_beyond_the_last_is_empty_rather_than_the_first_page()
    {
        await _fixture.CreateAsync("Acme ERP");

        var page = await Service.ListAsync(new IntegrationQuery { Page = int.MaxValue, PageSize = IntegrationQuery.MaxPageSize });

        page.TotalCount.Should().Be(1);
        page.Items.Should().BeEmpty("page 2,147,483,647 lies far beyond the only integration (its offset overflowed to a negative one)");
    }

    [Fact]
    public async Task Control_characters_and_invalid_unicode_are_refused_field_by_field_and_nothing_is_stored()
    {
        // not InlineData: a lone surrogate does not survive the test runner's serialization of theory data
        (IntegrationDraft Draft, string Field)[] cases =
        [
            (new() { Name = "Part\0ner" }, "Name"), // PostgreSQL refused the NUL with its own error, a 500 to the admin
            (new() { Name = "Part\nner" }, "Name"),
            (new() { Name = "Partner \uD800" }, "Name"),
            (new() { Name = "ok", Email = "ops\0@acme.example" }, "Email"),
            (new() { Name = "ok", CallbackUrl = "https://acme.example/\0callback" }, "CallbackUrl"),
            (new() { Name = "ok", IdentityLinkUrl = "https://acme.example/\uDC00" }, "IdentityLinkUrl"),
        ];

        foreach (var (draft, field) in cases)
        {
            var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

            (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().ContainKey(field);
        }

        (await Service.ListAsync(new IntegrationQuery())).TotalCount.Should().Be(0);
    }
}
