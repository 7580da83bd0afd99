using Actors.Abstractions;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Geometry;
using Actors.Catalog.Geometry;
using Actors.Processing;
using Actors.Processing.Hrefs;
using Actors.Processing.Products;
using Actors.Processing.Stac;

namespace Actors.Grains.Acquisitions;

/// <summary>
/// Turns a submission into an <see cref="Acquisition"/> or says exactly what is wrong; nothing reaches a
/// scene grain until the whole submission is valid. An item named by href is read through the href policy
/// (<see cref="ItemDocumentReader"/>), and the assets of the bands the products need must pass it too, so a
/// refused asset is refused here rather than when the scene stages.
/// </summary>
public sealed class AcquisitionValidator(ProcessorRegistry processors, HrefPolicy policy, ItemDocumentReader reader)
{
    /// <summary>The validated acquisition.</summary>
    /// <exception cref="AcquisitionRejectedException">What is wrong, in words a user can act on.</exception>
    /// <exception cref="AcquisitionBusyException">Too many items are being read at once; nothing was queued.</exception>
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
            throw new AcquisitionRejectedException($"Unknown product(s) {string.Join(", ", unknown.Select(EchoedText.Of))}. Known products: {string.Join(", ", processors.Names.Order())}.");
        if (submission.JobId is { } job && (string.IsNullOrWhiteSpace(job) || job.Length > 200 || job.IndexOfAny(['/', '\\', '?', '#']) >= 0))
            throw new AcquisitionRejectedException("Invalid \"jobId\": use 1-200 characters without '/', '\\', '?' or '#'.");

        StacItem item;
        try
        {
            item = hasItem
                ? StacItem.Parse(submission.ItemJson!, string.IsNullOrWhiteSpace(submission.SourceHref) ? null : submission.SourceHref)
                : await ReadAsync(submission.ItemHref!, cancellationToken);
        }
        catch (ProcessingException e)
        {
            throw new AcquisitionRejectedException(e.Message);
        }
        catch (HrefRefusedException e)
        {
            throw new AcquisitionRejectedException($"The STAC item href is refused: {e.Message}");
        }

        if (aoi is not null && ItemExtent.Of(item.Json) is { } extent && !extent.Intersects(aoi.West, aoi.South, aoi.East, aoi.North))
            throw new AcquisitionRejectedException($"The AOI [{aoi}] does not intersect the scene's extent [{extent}].");
        await CheckAssetsAsync(item, products, cancellationToken);
        return new Acquisition(GrainKeys.Scene(item.Id, aoi), item.Json.ToJsonString(), item.Href, aoi?.ToArray(), products, submission.JobId);
    }

    private async Task<StacItem> ReadAsync(string href, CancellationToken cancellationToken)
    {
        var document = await reader.ReadAsync(href, cancellationToken);
        return StacItem.Parse(document.Text, document.Href);
    }

    // Only the bands the products need: an item may carry other assets (thumbnails, metadata) the silo never reads.
    // A missing band is not refused here: that product fails on its own, naming the band, as before.
    private async Task CheckAssetsAsync(StacItem item, IReadOnlyList<string> products, CancellationToken cancellationToken)
    {
        var bands = products.Select(processors.Get).SelectMany(p => p.RequiredBands).Distinct(StringComparer.Ordinal);
        foreach (var band in bands)
        {
            if (item.FindBand(band) is not { } href) continue;
            try
            {
                // A local asset inside a root that does not exist (yet) passes: staging reports it missing.
                await policy.CheckAsync(href, mayBeMissing: true, cancellationToken);
            }
            catch (HrefRefusedException e)
            {
                throw new AcquisitionRejectedException($"The asset of band {band} is refused: {e.Message}");
            }
        }
    }
}
