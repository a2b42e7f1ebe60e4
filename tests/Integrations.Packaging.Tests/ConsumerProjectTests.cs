using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Integrations.Packaging.Tests;

/// <summary>
/// Builds and runs a tiny host against the packed libraries, as a user of the packages would: restored from the
/// local package folder plus the machine's configured feed (dependencies come from the machine's package cache,
/// so no network is needed), into a private package folder so the test versions never reach the shared cache.
/// </summary>
[Collection(PackedLibrariesGroup.Name)]
public sealed partial class ConsumerProjectTests(PackedLibraries packed)
{
    [Fact]
    public async Task A_consumer_project_restores_builds_and_runs_against_the_packages()
    {
        var build = await BuildAsync("consumer", PackedLibraries.PackageIds, """
            using Integrations;
            using Integrations.AspNetCore;
            using Integrations.AspNetCore.Admin;
            using Integrations.AspNetCore.Authorization;
            using Integrations.Client.Onboarding;
            using Integrations.Client.Signing;
            using Integrations.Lifecycle;
            using Integrations.Model;
            using Integrations.OAuth;
            using Integrations.Security;
            using Integrations.Storage.EfCore;
            using Integrations.Storage.InMemory;
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Services.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AnyPassword>().UseAspNetCore();
            builder.Services.AddIntegrationsClient(o => o.AllowedStoreBaseUrls.Add(new Uri("https://shop.example.com/")));
            builder.Services.AddHttpClient("shop").AddIntegrationsOAuthSigning(PerRequestCredentialsProvider.Instance);
            builder.Services.AddIntegrationsAdmin();
            var app = builder.Build();
            app.MapGet("/rest/V1/products", () => "[]").RequireIntegrationResources("Magento_Catalog::products");
            app.MapIntegrationsCallback("/integrations/callback");
            app.MapIntegrationsAdmin("/admin/integrations").RequireAuthorization();
            var adminRoutes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .Count(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/admin/integrations", StringComparison.Ordinal));
            Console.WriteLine($"admin routes: {adminRoutes}");

            await using var scope = app.Services.CreateAsyncScope();
            var integrations = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
            var created = await integrations.CreateAsync(new IntegrationDraft { Name = "Packaged" }, new AdminConfirmation("admin", "pw"));
            var activated = await integrations.ActivateAsync(created.Id);
            Console.WriteLine($"consumer ran: {activated.Integration.Status}");
            var model = new ModelBuilder().ApplyIntegrationsConfiguration().Model;
            Console.WriteLine($"EF Core model: {model.GetEntityTypes().Count()} entity types");
            var signing = new OAuthSigningHandler("shop", PerRequestCredentialsProvider.Instance, new OAuthSigner(), new OAuthSigningOptions());
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://shop.example.com/rest/V1/products")
                .SignedWith(new OAuthClientCredentials { ConsumerKey = "packaged", ConsumerSecret = "secret" });
            await signing.SignAsync(request, CancellationToken.None);
            Console.WriteLine($"client signed: {request.Headers.Authorization!.Scheme}");

            internal sealed class AnyPassword : IAdminPasswordVerifier
            {
                public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(true);
            }
            """);

        build.ExitCode.Should().Be(0, build.Output);
        var run = await DotNetCli.RunAsync(Path.Combine(packed.Root, "consumer"), TimeSpan.FromMinutes(2), "bin/Release/net10.0/Consumer.dll");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("consumer ran: Active");
        run.Output.Should().MatchRegex("admin routes: [1-9][0-9]*");
        run.Output.Should().MatchRegex("EF Core model: [1-9][0-9]* entity types");
        run.Output.Should().Contain("client signed: OAuth");
        Directory.GetDirectories(Path.Combine(packed.Root, "restored-consumer")).Select(Path.GetFileName)
            .Should().Contain(PackedLibraries.PackageIds.Select(id => id.ToLowerInvariant()));
    }

    [Fact]
    public async Task The_AspNetCore_readme_snippet_builds_as_written_in_a_fresh_consumer()
    {
        // the README shipped in the package, its first snippet with its own using directives, in a minimal web app
        // with the two packages the README names (the adapter and the in-memory stores)
        using var package = ZipFile.OpenRead(Path.Combine(packed.PackageFolder, $"Integrations.AspNetCore.{packed.Version}.nupkg"));
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        var lines = CSharpBlock().Match(await reader.ReadToEndAsync()).Groups["code"].Value.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(l)).ToList();
        var program = string.Join('\n', usings) + "\nvar builder = WebApplication.CreateBuilder(args);\n" + string.Join('\n', lines.Skip(usings.Count)) + "\napp.Run();\n";

        var build = await BuildAsync("readme-aspnetcore", ["Integrations.AspNetCore", "Integrations.Storage.InMemory"], program);

        build.ExitCode.Should().Be(0, "the README snippet builds as written:\n{0}\n{1}", program, build.Output);
    }

    /// <summary>Writes a consumer project named <paramref name="name"/> referencing <paramref name="packageIds"/> from the local package folder, and builds it.</summary>
    private async Task<(int ExitCode, string Output)> BuildAsync(string name, IEnumerable<string> packageIds, string program)
    {
        var project = Path.Combine(packed.Root, name);
        Directory.CreateDirectory(project);
        var (_, locals) = await DotNetCli.RunAsync(project, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
        var globalPackages = locals.Trim().Split("global-packages:", 2)[1].Trim();
        await File.WriteAllTextAsync(Path.Combine(project, "Directory.Build.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(project, "Directory.Packages.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="integrations-local" value="{packed.PackageFolder}" />
              </packageSources>
            </configuration>
            """);
        var references = string.Join(Environment.NewLine, packageIds.Select(id => $"""    <PackageReference Include="{id}" Version="{packed.Version}" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>{Path.Combine(packed.Root, "restored-" + name)}</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{globalPackages}</RestoreAdditionalProjectFallbackFolders>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), program);
        return await DotNetCli.RunAsync(project, TimeSpan.FromMinutes(8), "build", "-c", "Release", "-nodeReuse:false");
    }

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
