using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;

namespace Integrations.Storage.Specification;

/// <summary>What every <see cref="IIntegrationStore"/> must do, run unchanged against each store.</summary>
public abstract class IntegrationStoreSpecification : StoreSpecification
{
    [Fact]
    public async Task Create_then_every_lookup_returns_the_same_values()
    {
        var integration = SampleIntegrations.New("Acme ERP", Time.GetUtcNow(), IntegrationStatus.Active, token: CredentialGenerator.Create());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        await using var scope = await OpenScopeAsync();
        var byId = await scope.Integrations.FindByIdAsync(integration.Id, default);
        var byName = await scope.Integrations.FindByNormalizedNameAsync("ACME ERP", default);
        var byKey = await scope.Integrations.FindByConsumerKeyAsync(integration.ConsumerKey, default);
        var byToken = await scope.Integrations.FindByTokenHashAsync(integration.Token!.Hash, default);

        foreach (var found in new[] { byId, byName, byKey, byToken })
        {
            found.Should().NotBeNull();
            found!.Should().BeEquivalentTo(integration, o => o.ComparingByMembers<Integration>());
            found!.Resources.Should().Equal(integration.Resources);
        }
    }

    [Fact]
    public async Task Lookups_of_unknown_values_return_null()
    {
        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByIdAsync(Guid.NewGuid(), default)).Should().BeNull();
        (await scope.Integrations.FindByNormalizedNameAsync("NOBODY", default)).Should().BeNull();
        (await scope.Integrations.FindByConsumerKeyAsync(CredentialGenerator.Create(), default)).Should().BeNull();
        (await scope.Integrations.FindByTokenHashAsync(CredentialHasher.Hash("x"), default)).Should().BeNull();
    }

    [Fact]
    public async Task Create_with_a_name_taken_in_another_case_is_refused()
    {
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("Acme", Time.GetUtcNow()), default));

        var act = () => InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("  ACME ", Time.GetUtcNow()) with { Name = "ACME" }, default));

        (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Name);
        (await ListAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Create_with_a_taken_consumer_key_is_refused()
    {
        var first = SampleIntegrations.New("First", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(first, default));

        var act = () => InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("Second", Time.GetUtcNow()) with { ConsumerKey = first.ConsumerKey }, default));

        (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.ConsumerKey);
        (await ListAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Create_with_a_taken_token_is_refused_and_stores_nothing()
    {
        var token = CredentialGenerator.Create();
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("First", Time.GetUtcNow(), IntegrationStatus.Active, token), default));
        var second = SampleIntegrations.New("Second", Time.GetUtcNow(), IntegrationStatus.Active, token);

        var act = () => InScopeAsync(s => s.Integrations.CreateAsync(second, default));

        (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Token);
        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByIdAsync(second.Id, default)).Should().BeNull("a failed save leaves no partial row");
        (await scope.Integrations.FindByNormalizedNameAsync("SECOND", default)).Should().BeNull();
        (await scope.Integrations.FindByConsumerKeyAsync(second.ConsumerKey, default)).Should().BeNull();
    }

    [Fact]
    public async Task Parallel_creates_of_one_consumer_key_have_exactly_one_winner()
    {
        var consumerKey = CredentialGenerator.Create();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New($"Contender {i}", Time.GetUtcNow()) with { ConsumerKey = consumerKey }, default));
                return true;
            }
            catch (DuplicateIntegrationException exception) when (exception.Field == IntegrationUniqueField.ConsumerKey)
            {
                return false;
            }
        }));

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).Should().Be(1);
        (await ListAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Parallel_creates_of_one_name_have_exactly_one_winner()
    {
        const int contenders = 8;
        var attempts = Enumerable.Range(0, contenders).Select(i => Task.Run(async () =>
        {
            try
            {
                await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New(i % 2 == 0 ? "Race" : "RACE", Time.GetUtcNow()), default));
                return true;
            }
            catch (DuplicateIntegrationException)
            {
                return false;
            }
        }));

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).Should().Be(1);
        (await ListAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Update_with_the_current_concurrency_token_replaces_the_integration()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var renamed = SampleIntegrations.Next(integration, i => i with { Name = "Acme 2", Status = IntegrationStatus.Active, Email = null, CallbackUrl = null });

        await InScopeAsync(s => s.Integrations.UpdateAsync(renamed, integration.ConcurrencyToken, default));

        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByIdAsync(integration.Id, default)).Should().BeEquivalentTo(renamed, o => o.ComparingByMembers<Integration>());
        (await scope.Integrations.FindByNormalizedNameAsync("ACME", default)).Should().BeNull();
        (await scope.Integrations.FindByNormalizedNameAsync("ACME 2", default))!.Id.Should().Be(integration.Id);
    }

    [Fact]
    public async Task Update_with_a_stale_concurrency_token_fails_and_changes_nothing()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var first = SampleIntegrations.Next(integration, i => i with { Email = "first@example.com" });
        await InScopeAsync(s => s.Integrations.UpdateAsync(first, integration.ConcurrencyToken, default));

        var stale = SampleIntegrations.Next(integration, i => i with { Email = "stale@example.com" });
        var act = () => InScopeAsync(s => s.Integrations.UpdateAsync(stale, integration.ConcurrencyToken, default));

        await act.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await InScopeAsync(s => s.Integrations.FindByIdAsync(integration.Id, default)))!.Email.Should().Be("first@example.com");
    }

    [Fact]
    public async Task Parallel_updates_from_one_version_have_exactly_one_winner()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                var next = SampleIntegrations.Next(integration, x => x with { Token = SampleIntegrations.Token(CredentialGenerator.Create(), Time.GetUtcNow()) });
                await InScopeAsync(s => s.Integrations.UpdateAsync(next, integration.ConcurrencyToken, default));
                return next;
            }
            catch (IntegrationConcurrencyException)
            {
                return null;
            }
        }));

        var winners = (await Task.WhenAll(attempts)).OfType<Integration>().ToList();

        winners.Should().ContainSingle();
        var stored = await InScopeAsync(s => s.Integrations.FindByIdAsync(integration.Id, default));
        stored!.Token!.Hash.Should().Be(winners[0].Token!.Hash);
    }

    [Fact]
    public async Task Update_of_a_deleted_integration_fails_with_a_concurrency_error()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        await InScopeAsync(s => s.Integrations.DeleteAsync(integration, integration.ConcurrencyToken, default));

        var act = () => InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(integration), integration.ConcurrencyToken, default));

        await act.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await ListAllAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Update_to_a_taken_name_is_refused_and_changes_nothing()
    {
        var acme = SampleIntegrations.New("Acme", Time.GetUtcNow());
        var other = SampleIntegrations.New("Other", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(acme, default));
        await InScopeAsync(s => s.Integrations.CreateAsync(other, default));

        var act = () => InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(other, i => i with { Name = "acme" }), other.ConcurrencyToken, default));

        (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Name);
        (await InScopeAsync(s => s.Integrations.FindByIdAsync(other.Id, default)))!.Name.Should().Be("Other");
    }

    [Fact]
    public async Task Replacing_the_token_makes_the_old_one_unknown_at_once()
    {
        var oldToken = CredentialGenerator.Create();
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), IntegrationStatus.Active, oldToken);
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var newToken = CredentialGenerator.Create();

        await InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(integration, i => i with { Token = SampleIntegrations.Token(newToken, Time.GetUtcNow()) }), integration.ConcurrencyToken, default));

        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(oldToken), default)).Should().BeNull();
        (await scope.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(newToken), default))!.Id.Should().Be(integration.Id);
    }

    [Fact]
    public async Task Replacing_the_token_with_a_taken_one_is_refused_and_changes_nothing()
    {
        var takenToken = CredentialGenerator.Create();
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("Other", Time.GetUtcNow(), IntegrationStatus.Active, takenToken), default));
        var oldToken = CredentialGenerator.Create();
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), IntegrationStatus.Active, oldToken);
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var reauthorized = SampleIntegrations.Next(integration, i => i with { Email = "changed@example.com", Token = SampleIntegrations.Token(takenToken, Time.GetUtcNow()) });

        var act = () => InScopeAsync(s => s.Integrations.UpdateAsync(reauthorized, integration.ConcurrencyToken, default));

        (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Token);
        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByIdAsync(integration.Id, default)).Should().BeEquivalentTo(integration, o => o.ComparingByMembers<Integration>(), "the row and its token change together or not at all");
        (await scope.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(oldToken), default))!.Id.Should().Be(integration.Id);
    }

    [Fact]
    public async Task Removing_the_token_makes_it_unknown()
    {
        var token = CredentialGenerator.Create();
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), IntegrationStatus.Active, token);
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        await InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(integration, i => i with { Token = null, Status = IntegrationStatus.PendingExchange }), integration.ConcurrencyToken, default));

        (await InScopeAsync(s => s.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(token), default))).Should().BeNull();
    }

    [Fact]
    public async Task Delete_removes_the_integration_its_token_and_its_nonces_only()
    {
        var token = CredentialGenerator.Create();
        var doomed = SampleIntegrations.New("Doomed", Time.GetUtcNow(), IntegrationStatus.Active, token);
        var kept = SampleIntegrations.New("Kept", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(doomed, default));
        await InScopeAsync(s => s.Integrations.CreateAsync(kept, default));
        var expires = Time.GetUtcNow().AddMinutes(10);
        await InScopeAsync(s => s.Nonces.TryAddOneAsync(doomed, "nonce-of-doomed-0001", expires));
        await InScopeAsync(s => s.Nonces.TryAddOneAsync(kept, "nonce-of-kept-000001", expires));

        await InScopeAsync(s => s.Integrations.DeleteAsync(doomed, doomed.ConcurrencyToken, default));

        await using var scope = await OpenScopeAsync();
        (await scope.Integrations.FindByIdAsync(doomed.Id, default)).Should().BeNull();
        (await scope.Integrations.FindByConsumerKeyAsync(doomed.ConsumerKey, default)).Should().BeNull();
        (await scope.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(token), default)).Should().BeNull();
        (await scope.Integrations.FindByIdAsync(kept.Id, default)).Should().NotBeNull();
        var reborn = SampleIntegrations.New("Reborn", Time.GetUtcNow()) with { ConsumerKey = doomed.ConsumerKey };
        await scope.Integrations.CreateAsync(reborn, default);
        (await scope.Nonces.TryAddOneAsync(reborn, "nonce-of-doomed-0001", expires)).Should().Be(NonceOutcome.Recorded, "the deleted consumer's nonces are gone");
        (await scope.Nonces.TryAddOneAsync(kept, "nonce-of-kept-000001", expires)).Should().Be(NonceOutcome.Used, "other consumers' nonces stay");
    }

    [Fact]
    public async Task Delete_with_a_stale_concurrency_token_fails_and_keeps_the_integration()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        await InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(integration), integration.ConcurrencyToken, default));

        var act = () => InScopeAsync(s => s.Integrations.DeleteAsync(integration, integration.ConcurrencyToken, default));

        await act.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await InScopeAsync(s => s.Integrations.FindByIdAsync(integration.Id, default))).Should().NotBeNull();
    }

    [Fact]
    public async Task A_refused_delete_keeps_the_token_and_the_nonces()
    {
        var token = CredentialGenerator.Create();
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), IntegrationStatus.Active, token);
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        var expires = Time.GetUtcNow().AddMinutes(10);
        await InScopeAsync(s => s.Nonces.TryAddOneAsync(integration, "nonce-kept-00000001", expires));
        var stale = integration with { ConcurrencyToken = Guid.NewGuid().ToString("N") };

        var act = () => InScopeAsync(s => s.Integrations.DeleteAsync(stale, stale.ConcurrencyToken, default));

        await act.Should().ThrowAsync<IntegrationConcurrencyException>();
        (await InScopeAsync(s => s.Integrations.FindByTokenHashAsync(CredentialHasher.Hash(token), default)))!.Id.Should().Be(integration.Id);
        (await InScopeAsync(s => s.Nonces.TryAddOneAsync(integration, "nonce-kept-00000001", expires))).Should().Be(NonceOutcome.Used, "nothing of a refused delete happens");
    }

    [Fact]
    public async Task A_delete_racing_updates_from_one_version_has_exactly_one_winner()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), IntegrationStatus.Active, CredentialGenerator.Create());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                if (i == 0)
                {
                    await InScopeAsync(s => s.Integrations.DeleteAsync(integration, integration.ConcurrencyToken, default));
                }
                else
                {
                    var next = SampleIntegrations.Next(integration, x => x with { Token = SampleIntegrations.Token(CredentialGenerator.Create(), Time.GetUtcNow()) });
                    await InScopeAsync(s => s.Integrations.UpdateAsync(next, integration.ConcurrencyToken, default));
                }

                return true;
            }
            catch (IntegrationConcurrencyException)
            {
                return false;
            }
        }));

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).Should().Be(1);
        var stored = await InScopeAsync(s => s.Integrations.FindByIdAsync(integration.Id, default));
        if (outcomes[0])
        {
            stored.Should().BeNull("the delete won");
        }
        else
        {
            stored!.Token!.Hash.Should().NotBe(integration.Token!.Hash, "an update won");
        }
    }

    [Fact]
    public async Task List_filters_by_name_case_insensitively_and_by_status()
    {
        await SeedAsync(("Acme ERP", IntegrationStatus.Active), ("acme crm", IntegrationStatus.Inactive), ("Globex", IntegrationStatus.Active));

        var byName = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { NameContains = "ACME" }, default));
        var byStatus = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { Status = IntegrationStatus.Active }, default));
        var both = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { NameContains = "acme", Status = IntegrationStatus.Active }, default));

        byName.Items.Select(i => i.Name).Should().Equal("acme crm", "Acme ERP");
        byName.TotalCount.Should().Be(2);
        byStatus.Items.Select(i => i.Name).Should().Equal("Acme ERP", "Globex");
        both.Items.Select(i => i.Name).Should().Equal("Acme ERP");
    }

    [Fact]
    public async Task List_filters_and_sorts_by_email_case_insensitively()
    {
        foreach (var (name, email) in new[] { ("Acme ERP", "ops@ACME.example"), ("Globex", "it@globex.example"), ("Initech", null) })
        {
            await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New(name, Time.GetUtcNow()) with { Email = email }, default));
        }

        var byEmail = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { EmailContains = "acme.EX" }, default));
        var byEmailDescending = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { SortBy = IntegrationSortField.Email, Descending = true }, default));

        byEmail.Items.Select(i => i.Name).Should().Equal("Acme ERP");
        byEmailDescending.Items.Select(i => i.Name).Should().Equal("Acme ERP", "Globex", "Initech");
    }

    [Fact]
    public async Task List_sorts_and_pages_with_a_total_count()
    {
        var names = new[] { "delta", "Alpha", "charlie", "Bravo", "echo" };
        for (var i = 0; i < names.Length; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await SeedAsync((names[i], (IntegrationStatus)(i % 3)));
        }

        var firstPage = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { PageSize = 2 }, default));
        var lastPage = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { PageSize = 2, Page = 3 }, default));
        var descending = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { Descending = true }, default));
        var newest = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { SortBy = IntegrationSortField.CreatedAt, Descending = true, PageSize = 1 }, default));
        var byStatus = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { SortBy = IntegrationSortField.Status }, default));

        firstPage.Items.Select(i => i.Name).Should().Equal("Alpha", "Bravo");
        firstPage.TotalCount.Should().Be(5);
        lastPage.Items.Select(i => i.Name).Should().Equal("echo");
        descending.Items.Select(i => i.Name).Should().Equal("echo", "delta", "charlie", "Bravo", "Alpha");
        newest.Items.Select(i => i.Name).Should().Equal("echo");
        byStatus.Items.Select(i => i.Status).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task List_sorts_names_beyond_the_basic_plane_in_one_order_on_every_store()
    {
        // U+FB01 (the "fi" ligature) and U+1F680 (a rocket, a surrogate pair in UTF-16): UTF-16 order put the rocket
        // first in memory (D83D < FB01); code point order, the databases' (UTF-8 bytes), puts the ligature first
        await SeedAsync(("\uFB01nance", IntegrationStatus.Inactive), ("\U0001F680 Rocket", IntegrationStatus.Inactive));

        var page = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery(), default));

        page.Items.Select(i => i.Name).Should().Equal("\uFB01nance", "\U0001F680 Rocket");
    }

    [Fact]
    public async Task List_with_a_nul_in_a_filter_matches_nothing_rather_than_failing()
    {
        await SeedAsync(("Acme ERP", IntegrationStatus.Active));

        // what the admin grid passes for ?name=acme%00 or ?email=%00 (PostgreSQL refused the parameter: a 500)
        var byName = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { NameContains = "acme\0" }, default));
        var byEmail = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { EmailContains = "\0" }, default));

        byName.Items.Should().BeEmpty();
        byName.TotalCount.Should().Be(0);
        byEmail.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_filters_take_like_wildcards_literally()
    {
        await SeedAsync(("a_b", IntegrationStatus.Active), ("axb", IntegrationStatus.Active), ("50% off", IntegrationStatus.Active), ("500 off", IntegrationStatus.Active));

        var underscore = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { NameContains = "_" }, default));
        var percent = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { NameContains = "0%" }, default));

        underscore.Items.Select(i => i.Name).Should().Equal("a_b");
        percent.Items.Select(i => i.Name).Should().Equal("50% off");
    }

    [Fact]
    public async Task A_page_far_beyond_the_last_is_empty_with_the_total_count()
    {
        await SeedAsync(("Alpha", IntegrationStatus.Active));

        var page = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { Page = int.MaxValue, PageSize = IntegrationQuery.MaxPageSize }, default));

        page.Items.Should().BeEmpty("page 2,147,483,647 of 200 rows each lies beyond the only integration (its offset overflowed an int: the first page in memory and SQLite, an error on PostgreSQL)");
        page.TotalCount.Should().Be(1);
    }

    [Fact]
    public async Task List_sorts_names_ordinally_whatever_the_database_collation()
    {
        await SeedAsync(("AB", IntegrationStatus.Inactive), ("a_b", IntegrationStatus.Inactive), ("A B", IntegrationStatus.Inactive), ("a-b", IntegrationStatus.Inactive));

        var page = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery(), default));

        page.Items.Select(i => i.Name).Should().Equal("A B", "a-b", "AB", "a_b");
    }

    [Theory]
    [InlineData("\u00e9lodie@example.com", "\u00e9lodie")] // SQLite's upper() leaves non-ASCII letters as they are
    [InlineData("j.wei\u00df@example.com", "wei\u00df")] // PostgreSQL's upper() under ICU makes \u00df SS
    public async Task List_finds_an_email_beyond_ascii_by_its_own_text(string email, string typed)
    {
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("Acme", Time.GetUtcNow()) with { Email = email }, default));

        var page = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { EmailContains = typed }, default));

        page.Items.Select(i => i.Name).Should().Equal(new[] { "Acme" }, "the filter is the address's own text");
    }

    [Theory]
    [InlineData("weisz@example.com", "wei\u00df@example.com")] // PostgreSQL's upper() under ICU made \u00df SS: WEISS before WEISZ
    [InlineData("\u00c9mile@example.com", "\u00e9lodie@example.com")] // SQLite's upper() folds ASCII only: \u00c9 (U+00C9) before \u00e9 (U+00E9)
    public async Task List_sorts_emails_beyond_ascii_in_one_order_on_every_store(string first, string second)
    {
        // the order every store can give: ASCII letters folded, every other character as it is, by code point
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("Second", Time.GetUtcNow()) with { Email = second }, default));
        await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New("First", Time.GetUtcNow()) with { Email = first }, default));

        var ascending = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { SortBy = IntegrationSortField.Email }, default));
        var descending = await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { SortBy = IntegrationSortField.Email, Descending = true }, default));

        ascending.Items.Select(i => i.Email).Should().Equal(first, second);
        descending.Items.Select(i => i.Email).Should().Equal(second, first);
    }

    [Fact]
    public async Task Update_and_delete_without_an_expected_concurrency_token_are_refused_as_misuse()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));

        var update = () => InScopeAsync(s => s.Integrations.UpdateAsync(SampleIntegrations.Next(integration), null!, default));
        var delete = () => InScopeAsync(s => s.Integrations.DeleteAsync(integration, null!, default));

        await update.Should().ThrowAsync<ArgumentNullException>();
        await delete.Should().ThrowAsync<ArgumentNullException>();
        (await ListAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Reads_with_a_cancelled_token_are_cancelled_on_every_store()
    {
        var integration = SampleIntegrations.New("Acme", Time.GetUtcNow(), token: CredentialGenerator.Create());
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await using var scope = await OpenScopeAsync();
        await FluentActions.Awaiting(async () => await scope.Integrations.FindByIdAsync(integration.Id, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(async () => await scope.Integrations.FindByNormalizedNameAsync(integration.NormalizedName, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(async () => await scope.Integrations.FindByConsumerKeyAsync(integration.ConsumerKey, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(async () => await scope.Integrations.FindByTokenHashAsync(integration.Token!.Hash, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(async () => await scope.Integrations.ListAsync(new IntegrationQuery(), cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    private async Task SeedAsync(params (string Name, IntegrationStatus Status)[] rows)
    {
        foreach (var (name, status) in rows)
        {
            await InScopeAsync(s => s.Integrations.CreateAsync(SampleIntegrations.New(name, Time.GetUtcNow(), status), default));
        }
    }

    private async Task<IReadOnlyList<Integration>> ListAllAsync() =>
        (await InScopeAsync(s => s.Integrations.ListAsync(new IntegrationQuery { PageSize = IntegrationQuery.MaxPageSize }, default))).Items;
}
