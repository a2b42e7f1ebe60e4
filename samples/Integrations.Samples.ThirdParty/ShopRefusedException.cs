namespace Integrations.Samples.ThirdParty;

/// <summary>The shop answered a token request with an error (its <c>oauth_problem</c> and HTTP status).</summary>
public sealed class ShopRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="problem">The shop's <c>oauth_problem</c>, or its raw answer.</param>
    public ShopRefusedException(int statusCode, string problem)
        : base($"The shop answered {statusCode}: {problem}")
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the shop answered.</summary>
    public int StatusCode { get; }
}
