using Actors.Abstractions.Security;
using Actors.Abstractions.Api;

namespace Actors.Abstractions.Acquisitions;

/// <summary>
/// The front door for acquisitions: validates a submission (reads and parses the STAC item, checks the
/// AOI, products and job id) and hands it to its scene grain. Stateless; any silo runs it locally.
/// </summary>
public interface IAcquisitionIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>Validates and delivers the acquisition to its scene grain, answering once acceptance is committed.</summary>
    /// <exception cref="AcquisitionRejectedException">The submission is invalid; nothing was queued.</exception>
    /// <exception cref="OwnershipConflictException">The job id belongs to another user; nothing was queued.</exception>
    [RequiresRole(Roles.Publisher)]
    Task<AcquisitionResponse> PublishAsync(AcquisitionSubmission submission, Caller caller);

    /// <summary>
    /// Validates the acquisition and puts it on the <c>acquisitions</c> stream without waiting for the scene
    /// grain; returns the scene id.
    /// </summary>
    /// <exception cref="AcquisitionRejectedException">The submission is invalid; nothing was queued.</exception>
    /// <exception cref="OwnershipConflictException">The job id belongs to another user; nothing was queued.</exception>
    [RequiresRole(Roles.Publisher)]
    Task<string> EnqueueAsync(AcquisitionSubmission submission, Caller caller);
}
