namespace Integrations.Stores;

/// <summary>
/// The store cannot answer now: the database is unreachable, out of connections, locked, restarting, or did not answer
/// within <see cref="StorageOptions.OperationTimeout"/>. Thrown by stores for transient failures (never for a bug or a
/// rule); the OAuth engine turns it into a <c>503</c> with <c>Retry-After</c>, never into an authentication answer.
/// The message names the kind of failure, never a secret.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
        : base("The integrations storage is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The provider's exception.</param>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
