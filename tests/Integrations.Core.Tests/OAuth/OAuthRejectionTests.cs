using System.Globalization;
using System.Text;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.OAuth.Parameters;
using Integrations.Security;

namespace Integrations.Core.Tests.OAuth;

/// <summary>Every rejection reason, with its code, status and phrase.</summary>
public class OAuthRejectionTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("GET", "/rest/V1/products")]
    [InlineData("GET", "shop.example.com/rest")]
    [InlineData("GE T", "https://shop.example.com/rest")]
    [InlineData("GET", "https://user@shop.example.com/rest")]
    [InlineData("GET", "https://shop.example.com:99999/rest")]
    [InlineData("GET", "https://shop.example.com/r\u00e9st")]
    public async Task A_request_line_that_cannot_be_signed_is_rejected(string method, string url)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(new OAuthWireRequest { Method = method, Url = url, Authorization = Header(integration) });

        Expect(problem, OAuthProblemReason.RequestLineInvalid, "parameter_rejected", 400);
    }

    [Theory]
    [InlineData("OAuth oauth_consumer_key=abc")]
    [InlineData("OAuth oauth_consumer_key=\"abc")]
    [InlineData("OAuth oauth_consumer_key=\"a\" oauth_nonce=\"b\"")]
    [InlineData("OAuth =\"a\"")]
    [InlineData("OAuth oauth_consumer_key")]
    public async Task A_malformed_authorization_header_is_rejected(string header)
    {
        var problem = await RejectAsync(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header });

        Expect(problem, OAuthProblemReason.AuthorizationHeaderMalformed, "parameter_rejected", 400);
    }

    [Fact]
    public async Task An_oversized_authorization_header_is_rejected()
    {
        var header = "OAuth realm=\"" + new string('a', RequestParameters.MaxAuthorizationHeaderLength) + "\"";

        var problem = await RejectAsync(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header });

        Expect(problem, OAuthProblemReason.AuthorizationHeaderMalformed, "parameter_rejected", 400);
    }

    [Theory]
    [InlineData("header", "ab%zz1234")]
    [InlineData("header", "ab%4")]
    [InlineData("header", "ab%C3%281234")]
    [InlineData("query", "%FF")]
    [InlineData("body", "%E2%82")]
    public async Task Bad_percent_encoding_or_invalid_utf8_is_rejected(string where, string value)
    {
        var integration = await _fixture.AddAsync();
        var request = where switch
        {
            "header" => new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = Header(integration, (OAuthParameterNames.Nonce, value)) },
            "query" => new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl + "&q=" + value, Authorization = Header(integration) },
            _ => new OAuthWireRequest
            {
                Method = "POST",
                Url = ValidatorFixture.ApiUrl,
                Authorization = Header(integration),
                ContentType = "application/x-www-form-urlencoded",
                Body = Encoding.ASCII.GetBytes("q=" + value),
            },
        };

        var problem = await RejectAsync(request);

        Expect(problem, OAuthProblemReason.ParameterEncodingInvalid, "parameter_rejected", 400);
        problem.Phrase.Should().Contain(where == "header" ? "Authorization header" : where);
    }

    [Fact]
    public async Task An_overlong_protocol_parameter_is_rejected()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Callback, new string('a', 7000)))));

        Expect(problem, OAuthProblemReason.ParameterTooLong, "parameter_rejected", 400);
        problem.ParameterName.Should().Be(OAuthParameterNames.Callback);
    }

    [Fact]
    public async Task A_duplicated_protocol_parameter_is_rejected()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration) + ", oauth_nonce=\"anothernonce1\""));

        Expect(problem, OAuthProblemReason.ParameterDuplicated, "parameter_rejected", 400);
        problem.Phrase.Should().Be("The \"oauth_nonce\" parameter is sent more than once.");
    }

    [Fact]
    public async Task Protocol_parameters_in_two_places_are_rejected()
    {
        var integration = await _fixture.AddAsync();
        var request = new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl + "&oauth_version=1.0", Authorization = Header(integration) };

        Expect(await RejectAsync(request), OAuthProblemReason.ParametersInSeveralPlaces, "parameter_rejected", 400);
    }

    [Fact]
    public async Task A_protocol_parameter_the_body_repeats_with_another_value_than_the_headers_is_rejected()
    {
        // the same value is ignored, as Magento reads the header alone (its documented client posts the verifier again)
        var integration = await _fixture.AddAsync();
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            Authorization = Header(integration),
            ContentType = "application/x-www-form-urlencoded",
            Body = "oauth_nonce=anothernonce1"u8.ToArray(),
        };

        Expect(await RejectAsync(request), OAuthProblemReason.ParametersInSeveralPlaces, "parameter_rejected", 400);
    }

    [Theory]
    [InlineData(OAuthParameterNames.ConsumerKey)]
    [InlineData(OAuthParameterNames.Signature)]
    [InlineData(OAuthParameterNames.SignatureMethod)]
    [InlineData(OAuthParameterNames.Nonce)]
    [InlineData(OAuthParameterNames.Timestamp)]
    [InlineData(OAuthParameterNames.Token)]
    public async Task A_missing_or_empty_required_parameter_is_rejected_with_magentos_phrase(string name)
    {
        var integration = await _fixture.AddAsync();

        var missing = await RejectAsync(Api(Header(integration, (name, null))));
        var empty = await RejectAsync(Api(Header(integration, (name, ""))));

        foreach (var problem in new[] { missing, empty })
        {
            Expect(problem, OAuthProblemReason.ParameterAbsent, "parameter_absent", 400);
            problem.Phrase.Should().Be($"\"{name}\" is required. Enter and try again.");
            problem.ParameterName.Should().Be(name);
        }
    }

    [Fact]
    public async Task Several_missing_parameters_are_named_together_as_magento_aggregates_them()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Timestamp, null), (OAuthParameterNames.Nonce, ""), (OAuthParameterNames.Token, null))));

        Expect(problem, OAuthProblemReason.ParameterAbsent, "parameter_absent", 400);
        problem.Phrase.Should().Be("\"oauth_nonce\" is required. Enter and try again, \"oauth_timestamp\" is required. Enter and try again, "
            + "\"oauth_token\" is required. Enter and try again");
        problem.ParameterName.Should().Be(OAuthParameterNames.Nonce);
    }

    [Fact]
    public async Task The_access_token_flow_requires_the_verifier()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);

        var problem = await RejectAsync(Api(Header(integration)), OAuthFlow.AccessToken);

        Expect(problem, OAuthProblemReason.ParameterAbsent, "parameter_absent", 400);
        problem.ParameterName.Should().Be(OAuthParameterNames.Verifier);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    [InlineData("1.0a")]
    [InlineData("v1")]
    public async Task Only_version_1_0_is_accepted(string version)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Version, version))));

        Expect(problem, OAuthProblemReason.VersionRejected, "version_rejected", 400);
        problem.Phrase.Should().Be($"The \"{version}\" Oauth version isn't supported.");
    }

    [Fact]
    public async Task A_version_php_would_not_read_as_a_number_is_rejected()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Version, "1%00"))));

        problem.Reason.Should().Be(OAuthProblemReason.VersionRejected);
    }

    [Fact]
    public async Task An_extension_oauth_parameter_sent_twice_among_thousands_is_rejected()
    {
        using var fixture = new ValidatorFixture(o => o.MaxParameterCount = 100_000);
        var names = Enumerable.Range(0, 5000).Select(i => $"oauth_x{i}").Append("oauth_x17");
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            ContentType = "application/x-www-form-urlencoded",
            Body = System.Text.Encoding.ASCII.GetBytes(string.Join('&', names.Select(name => name + "=1"))),
        };

        var result = await fixture.ValidateAsync(request);

        Expect(result.Problem!, OAuthProblemReason.ParameterDuplicated, "parameter_rejected", 400);
        result.Problem!.Phrase.Should().Be("The \"oauth_x17\" parameter is sent more than once.");
    }

    [Fact]
    public async Task A_request_with_more_parameters_than_the_limit_is_refused()
    {
        var integration = await _fixture.AddAsync();
        var query = string.Join('&', Enumerable.Range(0, 1000).Select(i => $"p{i}=v"));
        var request = _fixture.SignedApiCall(integration) with { Url = "https://shop.example.com/rest/V1/products?" + query };

        var problem = await RejectAsync(request);

        Expect(problem, OAuthProblemReason.TooManyParameters, "parameter_rejected", 400);
        problem.Phrase.Should().Be("The request has too many parameters: at most 1000 are accepted.");
    }

    [Fact]
    public async Task Many_oauth_prefixed_names_are_refused_at_the_limit()
    {
        using var fixture = new ValidatorFixture(o => o.MaxParameterCount = 100);
        var body = string.Join('&', Enumerable.Range(0, 5000).Select(i => $"oauth_x{i}="));
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            ContentType = "application/x-www-form-urlencoded",
            Body = System.Text.Encoding.ASCII.GetBytes(body),
        };

        var result = await fixture.ValidateAsync(request);

        result.Problem!.Reason.Should().Be(OAuthProblemReason.TooManyParameters);
        result.Problem.Phrase.Should().Contain("at most 100 ");
    }

    [Theory]
    [InlineData("PLAINTEXT")]
    [InlineData("RSA-SHA1")]
    [InlineData("hmac-sha1")]
    public async Task An_unknown_signature_method_is_rejected(string method)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.SignatureMethod, method))));

        Expect(problem, OAuthProblemReason.SignatureMethodRejected, "signature_method_rejected", 400);
        problem.Phrase.Should().Be($"Signature method {method} is not supported");
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("-5")]
    [InlineData("%201764000000")]
    [InlineData("99999999999999999999")]
    public async Task A_timestamp_that_is_not_a_positive_integer_is_rejected(string timestamp)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Timestamp, timestamp))));

        Expect(problem, OAuthProblemReason.TimestampInvalid, "parameter_rejected", 400);
        problem.Phrase.Should().Be("Incorrect timestamp value in the oauth_timestamp parameter");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("00")]
    public async Task A_zero_timestamp_is_refused_with_401_as_any_timestamp_outside_the_window_as_in_Magento(string timestamp)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Timestamp, timestamp))));

        Expect(problem, OAuthProblemReason.TimestampRefused, "timestamp_refused", 401);
    }

    [Theory]
    [InlineData("short12")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123X")]
    [InlineData("has%20a%20space")]
    [InlineData("%C3%BCber-nonce")]
    public async Task A_nonce_outside_the_accepted_format_is_rejected(string nonce)
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Nonce, nonce))));

        Expect(problem, OAuthProblemReason.NonceInvalid, "parameter_rejected", 400);
    }

    [Fact]
    public async Task A_token_sent_to_the_request_token_flow_is_rejected()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);

        var problem = await RejectAsync(Api(Header(integration)), OAuthFlow.RequestToken);

        Expect(problem, OAuthProblemReason.TokenUnexpected, "parameter_rejected", 400);
    }

    [Fact]
    public async Task A_malformed_token_or_consumer_key_is_rejected_with_magentos_phrases()
    {
        var integration = await _fixture.AddAsync();

        var token = await RejectAsync(Api(Header(integration, (OAuthParameterNames.Token, "abc"))));
        var key = await RejectAsync(Api(Header(integration, (OAuthParameterNames.ConsumerKey, "ABC"))));

        Expect(token, OAuthProblemReason.TokenMalformed, "token_rejected", 400);
        token.Phrase.Should().Be("The token length is invalid. Check the length and try again.");
        Expect(key, OAuthProblemReason.ConsumerKeyMalformed, "consumer_key_rejected", 401);
        key.Phrase.Should().Be("Consumer key is not the correct length");
    }

    [Fact]
    public async Task An_unknown_consumer_is_rejected_after_a_signature_computed_with_a_dummy_secret()
    {
        var integration = await _fixture.AddAsync();
        var stranger = integration with { Integration = integration.Integration with { ConsumerKey = CredentialGenerator.Create() } };

        var problem = await RejectAsync(_fixture.SignedApiCall(stranger));

        Expect(problem, OAuthProblemReason.ConsumerKeyUnknown, "consumer_key_unknown", 401);
        problem.Phrase.Should().Be("A consumer having the specified key does not exist");
        _fixture.Keys.Count.Should().Be(1, "the dummy key of the presented pair is kept like a real one, so a second try costs the same as a known pair");
    }

    [Fact]
    public async Task An_unknown_token_is_rejected()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(_fixture.SignedApiCall(integration with { Token = CredentialGenerator.Create() }));

        Expect(problem, OAuthProblemReason.TokenUnknown, "token_rejected", 401);
        problem.Phrase.Should().Be("Specified token does not exist");
    }

    [Fact]
    public async Task Another_consumers_token_is_rejected()
    {
        var mine = await _fixture.AddAsync();
        var theirs = await _fixture.AddAsync();

        var problem = await RejectAsync(_fixture.SignedApiCall(mine with { Token = theirs.Token, TokenSecret = theirs.TokenSecret }));

        Expect(problem, OAuthProblemReason.TokenNotOwnedByConsumer, "token_rejected", 401);
        problem.Phrase.Should().Be("Token is not associated with the specified consumer");
    }

    [Fact]
    public async Task A_request_token_cannot_sign_api_calls_and_an_access_token_cannot_be_exchanged()
    {
        var pending = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);
        var active = await _fixture.AddAsync(IntegrationStatus.Active, OAuthTokenType.Access);

        var api = await RejectAsync(_fixture.SignedApiCall(pending));
        var exchange = await RejectAsync(
            _fixture.Sign(new OAuthWireRequest { Method = "POST", Url = "https://shop.example.com/oauth/token/access" }, active, verifier: CredentialGenerator.Create()),
            OAuthFlow.AccessToken);

        Expect(api, OAuthProblemReason.TokenTypeRejected, "token_used", 401);
        api.Phrase.Should().Be("Token is not an access token");
        Expect(exchange, OAuthProblemReason.TokenTypeRejected, "token_used", 401);
        exchange.Phrase.Should().Be("Token is already being used");
    }

    [Fact]
    public async Task Each_flow_requires_its_integration_status()
    {
        var inactive = await _fixture.AddAsync(IntegrationStatus.Inactive, OAuthTokenType.Access);
        var active = await _fixture.AddAsync(IntegrationStatus.Active, tokenType: null);

        var api = await RejectAsync(_fixture.SignedApiCall(inactive));
        var requestToken = await RejectAsync(
            _fixture.Sign(new OAuthWireRequest { Method = "POST", Url = "https://shop.example.com/oauth/token/request" }, active),
            OAuthFlow.RequestToken);

        Expect(api, OAuthProblemReason.IntegrationStatusRejected, "consumer_key_rejected", 401);
        Expect(requestToken, OAuthProblemReason.IntegrationStatusRejected, "consumer_key_rejected", 401);
        requestToken.Phrase.Should().Be("Consumer key has expired");
    }

    [Fact]
    public async Task A_wrong_signature_is_rejected_with_magentos_phrase()
    {
        var integration = await _fixture.AddAsync();

        var problem = await RejectAsync(_fixture.SignedApiCall(integration with { TokenSecret = CredentialGenerator.Create() }));

        Expect(problem, OAuthProblemReason.SignatureInvalid, "signature_invalid", 401);
        problem.Phrase.Should().Be("The signature is invalid. Verify and try again.");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("Application/X-WWW-Form-Urlencoded; charset=utf-8", true)]
    [InlineData("application/json", false)]
    public async Task A_signed_form_body_over_the_limit_is_refused_before_any_work(string contentType, bool refused)
    {
        using var small = new ValidatorFixture(o => o.MaxFormBodyLength = 1024);
        var integration = await small.AddAsync();
        var request = small.Sign(new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            ContentType = contentType,
            Body = Encoding.ASCII.GetBytes("a=" + new string('x', 1023)),
        }, integration);

        var result = await small.ValidateAsync(request);

        if (refused)
        {
            Expect(result.Problem!, OAuthProblemReason.FormBodyTooLarge, "parameter_rejected", 413);
            result.Problem!.Phrase.Should().Contain("1024 bytes");
        }
        else
        {
            result.Succeeded.Should().BeTrue("only form bodies are signed, so only they are read");
        }
    }

    [Fact]
    public async Task A_large_form_body_costs_memory_in_proportion_to_its_size_not_nine_times_it()
    {
        var integration = await _fixture.AddAsync();
        var request = _fixture.Sign(new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("a=" + string.Concat(Enumerable.Repeat("%21", 8_000))),
        }, integration);
        for (var i = 0; i < 3; i++)
        {
            await _fixture.ValidateAsync(request); // warm: buffers grown, key cached; later calls are refused replays
        }

        // the in-memory stores complete synchronously, so the whole validation runs on this thread
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            (await _fixture.ValidateAsync(request)).Problem!.Reason.Should().Be(OAuthProblemReason.NonceUsed);
        }

        ((GC.GetAllocatedBytesForCurrentThread() - before) / 10).Should().BeLessThan(16 * 1024, "big buffers are rented from the shared pool, not reallocated per request");
    }

    [Fact]
    public async Task A_stored_secret_that_cannot_be_decrypted_is_refused_for_its_caller_with_an_error_naming_the_integration()
    {
        var integration = await _fixture.AddAsync();
        var other = await _fixture.AddAsync();
        var stored = integration.Integration;
        var corrupted = stored with { ProtectedConsumerSecret = stored.ProtectedConsumerSecret[..^2] + "AA", ConcurrencyToken = "corrupted" };
        await _fixture.Store.UpdateAsync(corrupted, stored.ConcurrencyToken, CancellationToken.None);

        var problem = await RejectAsync(_fixture.SignedApiCall(integration));

        Expect(problem, OAuthProblemReason.CredentialsUnreadable, "consumer_key_rejected", 401);
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(other))).Succeeded.Should().BeTrue("only that integration is refused");
        var error = _fixture.Log.GetSnapshot().Should().ContainSingle(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error).Subject;
        error.Message.Should().Contain(stored.Name).And.Contain(stored.Id.ToString());
        error.Message.Should().NotContain(integration.ConsumerSecret).And.NotContain(corrupted.ProtectedConsumerSecret);
    }

    [Fact]
    public void Every_reason_is_covered_by_a_test()
    {
        var source = File.ReadAllText(Path.Combine(SourceDirectory(), "OAuthRejectionTests.cs"))
            + File.ReadAllText(Path.Combine(SourceDirectory(), "OAuthRequestValidatorTests.cs"))
            + File.ReadAllText(Path.Combine(SourceDirectory(), "BearerTokenValidatorTests.cs"));

        Enum.GetNames<OAuthProblemReason>().Should().AllSatisfy(name => source.Should().Contain($"OAuthProblemReason.{name}"));
    }

    [Fact]
    public void A_default_validation_result_is_a_refusal_never_a_success()
    {
        var result = default(OAuthValidationResult);

        result.Succeeded.Should().BeFalse();
        Expect(result.Problem!, OAuthProblemReason.NotValidated, "not_validated", 401);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private async Task<OAuthProblem> RejectAsync(OAuthWireRequest request, OAuthFlow? flow = null)
    {
        var result = await _fixture.ValidateAsync(request, flow);
        result.Succeeded.Should().BeFalse();
        return result.Problem!;
    }

    private static void Expect(OAuthProblem problem, OAuthProblemReason reason, string code, int status)
    {
        problem.Reason.Should().Be(reason, problem.Phrase);
        problem.Code.Should().Be(code);
        problem.StatusCode.Should().Be(status);
        problem.Phrase.Should().NotBeNullOrWhiteSpace();
    }

    private static OAuthWireRequest Api(string header) => new() { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header };

    /// <summary>A header with the usual parameters (values written as given, unsigned); an override with a null value removes the parameter.</summary>
    private string Header(TestIntegration integration, params (string Name, string? Value)[] overrides)
    {
        var parameters = new List<(string Name, string? Value)>
        {
            (OAuthParameterNames.ConsumerKey, integration.ConsumerKey),
            (OAuthParameterNames.Token, integration.Token ?? CredentialGenerator.Create()),
            (OAuthParameterNames.SignatureMethod, "HMAC-SHA256"),
            (OAuthParameterNames.Timestamp, _fixture.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            (OAuthParameterNames.Nonce, "abcdefgh12345678"),
            (OAuthParameterNames.Signature, "c2lnbmF0dXJl"),
        };
        foreach (var (name, value) in overrides)
        {
            var index = parameters.FindIndex(p => p.Name == name);
            if (index >= 0)
            {
                parameters[index] = (name, value);
            }
            else
            {
                parameters.Add((name, value));
            }
        }

        return "OAuth " + string.Join(", ", parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}=\"{p.Value}\""));
    }
}
