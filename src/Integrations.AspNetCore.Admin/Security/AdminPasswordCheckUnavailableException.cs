using Integrations.Model;

namespace Integrations.AspNetCore.Admin.Security;

/// <summary>Too many password checks are running and waiting: this one was refused without being made, and not counted.</summary>
public sealed class AdminPasswordCheckUnavailableException : IntegrationException
{
    /// <summary>Creates the exception with the text the pages show.</summary>
    public AdminPasswordCheckUnavailableException()
        : base("The password could not be checked right now. Please try again later.")
    {
    }
}
