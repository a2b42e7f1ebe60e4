using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>The admin's input is invalid; <see cref="Errors"/> says what is wrong with each field.</summary>
public sealed class IntegrationValidationException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Field name → what is wrong with it.</param>
    public IntegrationValidationException(IReadOnlyDictionary<string, string> errors)
        : base(string.Join(" ", (errors ?? throw new ArgumentNullException(nameof(errors))).Values))
    {
        Errors = errors;
    }

    /// <summary>Field name (<c>Name</c>, <c>Email</c>, <c>CallbackUrl</c>, <c>IdentityLinkUrl</c>, <c>Resources</c>) → message.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }
}
