namespace Actors.Abstractions.Acquisitions;

/// <summary>
/// An acquisition as a user submits it, not yet validated: the STAC item inline (<see cref="ItemJson"/>)
/// or by reference (<see cref="ItemHref"/>), not both. The HTTP API, the SDK and the CLI all submit this.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AcquisitionSubmission
{
    /// <summary>The STAC item as JSON text, inline.</summary>
    [Id(0)] public string? ItemJson { get; init; }

    /// <summary>Where to read the STAC item from: a local path, or a file://, s3:// or http(s):// URL.</summary>
    [Id(1)] public string? ItemHref { get; init; }

    /// <summary>Area of interest <c>[west, south, east, north]</c> in WGS84 degrees; the whole scene when absent.</summary>
    [Id(2)] public double[]? Aoi { get; init; }

    /// <summary>Products wanted (see <see cref="ProductNames"/>); all when absent or empty.</summary>
    [Id(3)] public IReadOnlyList<string>? Products { get; init; }

    /// <summary>Job to attach the acquisition to, if any.</summary>
    [Id(4)] public string? JobId { get; init; }

    /// <summary>
    /// Where an inline item (<see cref="ItemJson"/>) came from, e.g. its <c>self</c> link in a STAC API: relative
    /// asset hrefs resolve against it and it is kept as the scene's lineage. Ignored with <see cref="ItemHref"/>.
    /// </summary>
    [Id(5)] public string? SourceHref { get; init; }
}
