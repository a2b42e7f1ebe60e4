namespace Integrations.Client.Onboarding;

/// <summary>The four values of a shop's credentials POST, validated. <see cref="ToString"/> shows no secret.</summary>
internal sealed record ReceivedCredentials(string ConsumerKey, string ConsumerSecret, Uri StoreBaseUrl, string Verifier)
{
    public override string ToString() => $"Credentials of consumer {ConsumerKey} from {StoreBaseUrl}";
}
