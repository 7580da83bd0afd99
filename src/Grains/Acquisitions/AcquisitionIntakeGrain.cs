using Actors.Abstractions.Security;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Jobs;
using Actors.Abstractions.Scenes;
using Actors.Abstractions.Streams;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Actors.Grains.Acquisitions;

/// <summary>
/// The front door for acquisitions. A stateless worker: every silo runs it locally, as many at once as
/// requests need, so reading and parsing STAC items never queues behind one activation.
/// </summary>
[StatelessWorker]
public sealed class AcquisitionIntakeGrain(AcquisitionValidator validator) : Grain, IAcquisitionIntakeGrain
{
    /// <inheritdoc />
    public async Task<AcquisitionResponse> PublishAsync(AcquisitionSubmission submission, Caller caller)
    {
        var acquisition = await AdmitAsync(submission, caller);
        var accepted = await GrainFactory.GetGrain<ISceneGrain>(acquisition.SceneId).AcceptAsync(acquisition);
        var status = $"/api/scenes/{Uri.EscapeDataString(acquisition.SceneId)}";
        return new AcquisitionResponse(acquisition.SceneId, accepted.State, accepted.AlreadyKnown, status);
    }

    /// <inheritdoc />
    public async Task<string> EnqueueAsync(AcquisitionSubmission submission, Caller caller)
    {
        var acquisition = await AdmitAsync(submission, caller);
        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<Acquisition>(StreamId.Create(StreamNames.Acquisitions, acquisition.SceneId))
            .OnNextAsync(acquisition);
        return acquisition.SceneId;
    }

    // Valid, and the job (if any) is the caller's, before anything reaches a scene grain or a stream.
    private async Task<Acquisition> AdmitAsync(AcquisitionSubmission submission, Caller caller)
    {
        var acquisition = await validator.ValidateAsync(submission, CancellationToken.None);
        if (acquisition.JobId is { } job) await GrainFactory.GetGrain<IJobGrain>(job).ClaimAsync(caller);
        return acquisition;
    }
}
