namespace Actors.Abstractions.Feeds;

/// <summary>
/// A subscription definition or id is invalid; the message says what is wrong in words a user can act on.
/// The HTTP API answers 400 with it; the SDKs raise it as a 400 error.
/// </summary>
[GenerateSerializer]
public sealed class FeedSubscriptionRejectedException : Exception
{
    /// <summary>A rejection saying <paramref name="message"/>.</summary>
    public FeedSubscriptionRejectedException(string message) : base(message)
    {
    }
}

/// <summary>
/// A subscription with this id exists with a different definition. The HTTP API answers 409; the SDKs
/// raise it as a 409 error. Delete the subscription first to redefine it.
/// </summary>
[GenerateSerializer]
public sealed class FeedSubscriptionConflictException : Exception
{
    /// <summary>A conflict saying <paramref name="message"/>.</summary>
    public FeedSubscriptionConflictException(string message) : base(message)
    {
    }
}
