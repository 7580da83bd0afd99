namespace Actors.Abstractions.Security;

/// <summary>An id (job, feed subscription) is taken by another user; the caller must choose another (409).</summary>
[GenerateSerializer]
public sealed class OwnershipConflictException : Exception
{
    /// <summary>Creates the exception with the message to show.</summary>
    public OwnershipConflictException(string message) : base(message)
    {
    }
}
