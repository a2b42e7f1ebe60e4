using System.Security.Claims;
using System.Text.Encodings.Web;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Diagnostics;
using Integrations.AspNetCore.Endpoints;
using Integrations.AspNetCore.Http;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Authenticates integrations: OAuth 1.0a signed requests through Core's request validator and, when the host allows
/// it, access tokens sent as <c>Bearer</c> through Core's Bearer token validator. Writes Magento's answers on challenge and forbid. No crypto or rules of its own.
/// </summary>
internal sealed class IntegrationsAuthenticationHandler : AuthenticationHandler<IntegrationsAuthenticationOptions>
{
    private const string AnswerKey = "integrations.answer";
    private const string ProblemKey = "integrations.problem";
    private const string BearerTokenRejected = "token_rejected";

    private readonly OAuthOptions _oauthOptions;
    private readonly TimeSpan _retryAfter;
    private readonly ILogger _log;

    /// <summary>Creates the handler (resolved per request by ASP.NET Core).</summary>
    /// <param name="options">The scheme options.</param>
    /// <param name="frameworkLogger">The base class's logger factory (its per-request lines go to <see cref="FrameworkCategoryLoggerFactory.Category"/>).</param>
    /// <param name="log">The handler's own logger.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="oauthOptions">Core's OAuth options (the longest form body worth reading, the public base URL).</param>
    /// <param name="storageOptions">Core's storage options (the <c>Retry-After</c> of a 503).</param>
    public IntegrationsAuthenticationHandler(
        IOptionsMonitor<IntegrationsAuthenticationOptions> options,
        FrameworkCategoryLoggerFactory frameworkLogger,
        ILogger<IntegrationsAuthenticationHandler> log,
        UrlEncoder encoder,
        IOptions<OAuthOptions> oauthOptions,
        IOptions<StorageOptions> storageOptions)
        : base(options, frameworkLogger, encoder)
    {
        _log = log;
        _oauthOptions = oauthOptions.Value;
        _retryAfter = storageOptions.Value.RetryAfter;
    }

    /// <summary>The events of the scheme.</summary>
    private new IntegrationsAuthenticationEvents Events => (IntegrationsAuthenticationEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new IntegrationsAuthenticationEvents());

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<TokenEndpointMetadata>() is not null)
        {
            return AuthenticateResult.NoResult(); // the token exchange authenticates its own requests
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (BearerAuthorization.TryReadToken(authorization, out var token))
        {
            if (!Options.AllowBearerTokens)
            {
                _log.RequestRefused(BearerTokenRejected, StatusCodes.Status401Unauthorized);
                return Refuse(BearerTokenRejected, "Bearer tokens are not allowed by this host.");
            }

            // Core's validators (and the stores behind them) are resolved only for a request that carries credentials
            var bearer = await Context.RequestServices.GetRequiredService<IBearerTokenValidator>().ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
            return bearer.Succeeded
                ? await SucceedAsync(bearer.Integration, IntegrationsClaimTypes.BearerMethod).ConfigureAwait(false)
                : bearer.Problem.Reason == OAuthProblemReason.StorageUnavailable ? Refuse(IntegrationsErrorAnswer.From(bearer.Problem))
                : Refuse(bearer.Problem.Code, bearer.Problem.Phrase);
        }

        var wire = await WireRequestReader.ReadAsync(Request, _oauthOptions, Context.RequestAborted).ConfigureAwait(false);
        if (!WireRequestReader.CarriesOAuth(Request, wire, _oauthOptions.MaxFormBodyLength))
        {
            return AuthenticateResult.NoResult();
        }

        var result = await Context.RequestServices.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(wire, OAuthFlow.ProtectedResource, Context.RequestAborted).ConfigureAwait(false);
        return result.Succeeded
            ? await SucceedAsync(result.Integration!, IntegrationsClaimTypes.OAuthMethod).ConfigureAwait(false)
            : Refuse(IntegrationsErrorAnswer.From(result.Problem!));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var answer = result.Properties?.GetParameter<IntegrationsErrorAnswer>(AnswerKey)
            ?? IntegrationsErrorAnswer.NotAuthorized(
                RefusedResourcesFeature.Of(Context),
                result.Properties?.GetParameter<string>(ProblemKey));
        await WriteAsync(answer, properties).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Context.GetIntegration() is null)
        {
            // authenticated by another of the policy's schemes (a host's cookie) and sent no integration credentials:
            // for this scheme a caller without credentials
            return HandleChallengeAsync(properties);
        }

        var resources = RefusedResourcesFeature.Of(Context);
        _log.ResourcesRefused(Context.GetIntegration()?.Id, string.Join(", ", resources));
        return WriteAsync(IntegrationsErrorAnswer.NotAuthorized(resources, IntegrationsErrorAnswer.PermissionDenied), properties);
    }

    private async Task WriteAsync(IntegrationsErrorAnswer answer, AuthenticationProperties? properties)
    {
        var context = new IntegrationsChallengeContext(Context, Scheme, Options, properties, answer);
        await Events.Challenge(context).ConfigureAwait(false);
        if (!context.Handled && !Response.HasStarted)
        {
            await ErrorAnswerWriter.WriteJsonAsync(Response, context.Answer, Options.Realm, _retryAfter).ConfigureAwait(false);
        }
    }

    private async Task<AuthenticateResult> SucceedAsync(Integration integration, string method)
    {
        var principal = new ClaimsPrincipal(CreateIdentity(integration, method));
        AuthenticationProperties? properties = null;
        if (Events.ObservesValidation)
        {
            var validated = new IntegrationValidatedContext(Context, Scheme, Options, integration) { Principal = principal };
            await Events.IntegrationValidated(validated).ConfigureAwait(false);
            if (validated.Result is { Succeeded: false } custom)
            {
                return custom;
            }

            (principal, properties) = (validated.Principal!, validated.Properties);
        }

        Context.Features.Set(new IntegrationFeature(integration));
        _log.IntegrationAuthenticated(integration.Name, integration.Id, method);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
    }

    /// <summary>The integration's identity; its claims are made with it as their subject, so the identity does not copy them.</summary>
    private ClaimsIdentity CreateIdentity(Integration integration, string method)
    {
        var id = integration.Id.ToString("D");
        var identity = new ClaimsIdentity(Scheme.Name);
        identity.AddClaim(Claim(ClaimTypes.NameIdentifier, id));
        identity.AddClaim(Claim(ClaimTypes.Name, integration.Name));
        identity.AddClaim(Claim(IntegrationsClaimTypes.IntegrationId, id));
        identity.AddClaim(Claim(IntegrationsClaimTypes.ConsumerKey, integration.ConsumerKey));
        identity.AddClaim(Claim(ClaimTypes.AuthenticationMethod, method));
        return identity;

        Claim Claim(string type, string value) =>
            new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity);
    }

    /// <summary>
    /// A refusal Core already logged (one Debug line, counted in its summary); the failure message the base class logs
    /// is the problem code alone, never a phrase that may hold the caller's text.
    /// </summary>
    private AuthenticateResult Refuse(IntegrationsErrorAnswer answer)
    {
        var properties = new AuthenticationProperties();
        properties.SetParameter(AnswerKey, answer);
        return Refused(AuthenticateResult.Fail(answer.Problem ?? "refused", properties));
    }

    private AuthenticateResult Refuse(string problem, string reason)
    {
        var properties = new AuthenticationProperties();
        properties.SetParameter(ProblemKey, problem);
        return Refused(AuthenticateResult.Fail(reason, properties));
    }

    /// <summary>Marks the request as carrying refused credentials (never served as a guest, see <see cref="CredentialsRefusedFeature"/>).</summary>
    private AuthenticateResult Refused(AuthenticateResult failure)
    {
        Context.Features.Set(CredentialsRefusedFeature.Instance);
        return failure;
    }
}
