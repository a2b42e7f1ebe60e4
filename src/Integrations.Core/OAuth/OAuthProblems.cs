using System.Globalization;

namespace Integrations.OAuth;

/// <summary>Creates the <see cref="OAuthProblem"/> of each <see cref="OAuthProblemReason"/> (Magento's phrases where it has one).</summary>
internal static class OAuthProblems
{    /// <summary>Magento's template of a missing required field (<c>%fieldName</c>).</summary>
    private const string RequiredFieldTemplate = "\"%fieldName\" is required. Enter and try again.";

    /// <summary>Magento's REST message for several input errors, listed under <c>errors</c>.</summary>
    private const string InputErrorsTemplate = "One or more input exceptions have occurred.";

    public static readonly OAuthProblem RequestLineInvalid = new(OAuthProblemReason.RequestLineInvalid, "parameter_rejected", "The request method or URL cannot be used to verify the signature.", 400);
    public static readonly OAuthProblem AuthorizationHeaderMalformed = new(OAuthProblemReason.AuthorizationHeaderMalformed, "parameter_rejected", "The OAuth Authorization header is malformed.", 400);
    public static readonly OAuthProblem ParametersInSeveralPlaces = new(OAuthProblemReason.ParametersInSeveralPlaces, "parameter_rejected", "OAuth parameters must be sent in one place only: the Authorization header, the query or the body.", 400);
    public static readonly OAuthProblem TimestampInvalid = new(OAuthProblemReason.TimestampInvalid, "parameter_rejected", "Incorrect timestamp value in the oauth_timestamp parameter", 400, OAuthParameterNames.Timestamp);
    public static readonly OAuthProblem TimestampRefused = new(OAuthProblemReason.TimestampRefused, "timestamp_refused", "Incorrect timestamp value in the oauth_timestamp parameter", 401, OAuthParameterNames.Timestamp);
    public static readonly OAuthProblem NonceInvalid = new(OAuthProblemReason.NonceInvalid, "parameter_rejected", "The nonce is not in the correct format.", 400, OAuthParameterNames.Nonce);
    public static readonly OAuthProblem TokenUnexpected = new(OAuthProblemReason.TokenUnexpected, "parameter_rejected", "A request token is requested with the consumer credentials only: \"oauth_token\" must not be sent.", 400, OAuthParameterNames.Token);
    public static readonly OAuthProblem TokenMalformed = new(OAuthProblemReason.TokenMalformed, "token_rejected", "The token length is invalid. Check the length and try again.", 400, OAuthParameterNames.Token);
    public static readonly OAuthProblem ConsumerKeyMalformed = new(OAuthProblemReason.ConsumerKeyMalformed, "consumer_key_rejected", "Consumer key is not the correct length", 401, OAuthParameterNames.ConsumerKey);
    public static readonly OAuthProblem ConsumerKeyUnknown = new(OAuthProblemReason.ConsumerKeyUnknown, "consumer_key_unknown", "A consumer having the specified key does not exist", 401, OAuthParameterNames.ConsumerKey);
    public static readonly OAuthProblem TokenUnknown = new(OAuthProblemReason.TokenUnknown, "token_rejected", "Specified token does not exist", 401, OAuthParameterNames.Token);
    public static readonly OAuthProblem BearerTokenRejected = new(OAuthProblemReason.BearerTokenRejected, "token_rejected", "The Bearer token is not an allowed access token of an active integration.", 401);
    public static readonly OAuthProblem StorageUnavailable = new(OAuthProblemReason.StorageUnavailable, "temporarily_unavailable", "The service is temporarily unavailable. Try again later.", 503);
    public static readonly OAuthProblem CredentialsUnreadable = new(OAuthProblemReason.CredentialsUnreadable, "consumer_key_rejected", "The integration's credentials cannot be used. Ask the store's administrator to reauthorize the integration.", 401, OAuthParameterNames.ConsumerKey);
    public static readonly OAuthProblem NotValidated = new(OAuthProblemReason.NotValidated, "not_validated", "The request was not validated.", 401);
    public static readonly OAuthProblem SignatureInvalid = new(OAuthProblemReason.SignatureInvalid, "signature_invalid", "The signature is invalid. Verify and try again.", 401, OAuthParameterNames.Signature);

    public static OAuthProblem ParameterEncodingInvalid(string where) =>
        new(OAuthProblemReason.ParameterEncodingInvalid, "parameter_rejected", $"A parameter in the {where} is not valid percent-encoded UTF-8.", 400);

    public static OAuthProblem FormBodyTooLarge(int maxLength) =>
        new(OAuthProblemReason.FormBodyTooLarge, "parameter_rejected", string.Create(CultureInfo.InvariantCulture, $"The form-encoded body is too large to be signed: at most {maxLength} bytes are accepted."), 413);

    public static OAuthProblem TooManyParameters(int maxCount) =>
        new(OAuthProblemReason.TooManyParameters, "parameter_rejected", string.Create(CultureInfo.InvariantCulture, $"The request has too many parameters: at most {maxCount} are accepted."), 400);

    public static OAuthProblem ParameterTooLong(string name) =>
        new(OAuthProblemReason.ParameterTooLong, "parameter_rejected", $"The \"{name}\" parameter is too long.", 400, name);

    public static OAuthProblem ParameterDuplicated(string name) =>
        new(OAuthProblemReason.ParameterDuplicated, "parameter_rejected", $"The \"{name}\" parameter is sent more than once.", 400, name);

    public static OAuthProblem ParameterAbsent(string name) => ParameterAbsent([name]);

    /// <summary>Magento's phrase for each missing parameter; several are joined as Magento aggregates input errors (each without its final period, joined by ", ").</summary>
    public static OAuthProblem ParameterAbsent(IReadOnlyList<string> names)
    {
        var problem = new OAuthProblem(OAuthProblemReason.ParameterAbsent, "parameter_absent",
            names.Count == 1 ? $"\"{names[0]}\" is required. Enter and try again." : string.Join(", ", names.Select(name => $"\"{name}\" is required. Enter and try again")),
            400, names[0]);
        return names.Count == 1
            ? problem.WithTemplate(RequiredFieldTemplate, [KeyValuePair.Create("fieldName", names[0])])
            : problem.WithInputErrors(InputErrorsTemplate, [.. names.Select(name => ParameterAbsent([name]))]);
    }


    public static OAuthProblem VersionRejected(string version) =>
        new OAuthProblem(OAuthProblemReason.VersionRejected, "version_rejected", $"The \"{version}\" Oauth version isn't supported.", 400, OAuthParameterNames.Version)
            .WithTemplate("The \"%1\" Oauth version isn't supported.", version);

    public static OAuthProblem SignatureMethodRejected(string method) =>
        new OAuthProblem(OAuthProblemReason.SignatureMethodRejected, "signature_method_rejected", $"Signature method {method} is not supported", 400, OAuthParameterNames.SignatureMethod)
            .WithTemplate("Signature method %1 is not supported", method);

    public static OAuthProblem TokenNotOwnedByConsumer(OAuthFlow flow) =>
        new(OAuthProblemReason.TokenNotOwnedByConsumer, "token_rejected",
            flow.ExpectedTokenType == Model.OAuthTokenType.Request
                ? "Request token is not associated with the specified consumer"
                : "Token is not associated with the specified consumer",
            401, OAuthParameterNames.Token);

    public static OAuthProblem TokenTypeRejected(OAuthFlow flow) =>
        new(OAuthProblemReason.TokenTypeRejected, "token_used",
            flow.ExpectedTokenType == Model.OAuthTokenType.Access ? "Token is not an access token" : "Token is already being used",
            401, OAuthParameterNames.Token);

    public static OAuthProblem IntegrationStatusRejected(OAuthFlow flow) =>
        new(OAuthProblemReason.IntegrationStatusRejected, "consumer_key_rejected",
            flow.RequiredStatus == Model.IntegrationStatus.Active
                ? "The consumer isn't authorized to access the requested resources."
                : "Consumer key has expired",
            401, OAuthParameterNames.ConsumerKey);

    public static OAuthProblem NonceUsed(Guid integrationId) =>
        new OAuthProblem(OAuthProblemReason.NonceUsed, "nonce_used",
            string.Create(CultureInfo.InvariantCulture, $"The nonce is already being used by the consumer with ID {integrationId}"),
            401, OAuthParameterNames.Nonce)
            .WithTemplate("The nonce is already being used by the consumer with ID %1", integrationId.ToString());
}
