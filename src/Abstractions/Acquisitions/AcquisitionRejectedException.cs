namespace Actors.Abstractions.Acquisitions;

/// <summary>
/// An acquisition was refused before anything was queued: the message says what is wrong in words a
/// user can act on. The HTTP API answers 400 with it; the SDKs raise it as a 400 error.
/// </summary>
[GenerateSerializer]
public sealed class AcquisitionRejectedException : Exception
{
    /// <summary>A rejection saying <paramref name="message"/>.</summary>
    public AcquisitionRejectedException(string message) : base(message)
    {
    }
}
