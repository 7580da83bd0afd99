using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Geometry;
using Actors.Processing;
using Actors.Processing.Products;
using Actors.Processing.Stac;

namespace Actors.Grains.Acquisitions;

/// <summary>
/// Turns a submission into an <see cref="Acquisition"/> or says exactly what is wrong; nothing reaches a
/// scene grain until the whole submission is valid.
/// </summary>
public sealed class AcquisitionValidator(ProcessorRegistry processors)
{
    /// <summary>The validated acquisition.</summary>
    /// <exception cref="AcquisitionRejectedException">What is wrong, in words a user can act on.</exception>
    public async Task<Acquisition> ValidateAsync(AcquisitionSubmission submission, CancellationToken cancellationToken)
    {
        var hasItem = !string.IsNullOrWhiteSpace(submission.ItemJson);
        if (hasItem == !string.IsNullOrWhiteSpace(submission.ItemHref))
            throw new AcquisitionRejectedException("Give exactly one of \"item\" (the STAC item inline) or \"itemHref\" (where to read it).");

        Bbox? aoi = null;
        if (submission.Aoi is not null)
        {
            try { aoi = Bbox.FromArray(submission.Aoi); }
            catch (FormatException e) { throw new AcquisitionRejectedException($"Invalid \"aoi\": {e.Message}"); }
        }

        var products = submission.Products is { Count: > 0 } ? submission.Products.Distinct(StringComparer.Ordinal).ToArray() : ProductNames.All.ToArray();
        var unknown = products.Where(p => processors.Find(p) is null).ToArray();
        if (unknown.Length > 0)
            throw new AcquisitionRejectedException($"Unknown product(s) {string.Join(", ", unknown)}. Known products: {string.Join(", ", processors.Names.Order())}.");
        if (submission.JobId is { } job && (string.IsNullOrWhiteSpace(job) || job.Length > 200 || job.IndexOfAny(['/', '\\', '?', '#']) >= 0))
            throw new AcquisitionRejectedException("Invalid \"jobId\": use 1-200 characters without '/', '\\', '?' or '#'.");

        StacItem item;
        try
        {
            item = hasItem
                ? StacItem.Parse(submission.ItemJson!, string.IsNullOrWhiteSpace(submission.SourceHref) ? null : submission.SourceHref)
                : await StacItem.LoadAsync(submission.ItemHref!, cancellationToken);
        }
        catch (ProcessingException e)
        {
            throw new AcquisitionRejectedException(e.Message);
        }
        return new Acquisition(GrainKeys.Scene(item.Id, aoi), item.Json.ToJsonString(), item.Href, aoi?.ToArray(), products, submission.JobId);
    }
}
