using System.Text.Json;
using Actors.Abstractions.Acquisitions;

namespace Actors.Abstractions.Api;

/// <summary>
/// Body of <c>POST /api/acquisitions</c>: a new acquisition. Give the STAC item inline (<see cref="Item"/>)
/// or by reference (<see cref="ItemHref"/>: a local path, or a file://, s3:// or http(s):// URL), not both.
/// </summary>
public sealed record AcquisitionRequest
{
    /// <summary>The STAC item, inline.</summary>
    public JsonElement? Item { get; init; }

    /// <summary>Where to read the STAC item from.</summary>
    public string? ItemHref { get; init; }

    /// <summary>
    /// Where an inline <see cref="Item"/> came from (a file path or URL): its relative asset hrefs resolve against
    /// it. The silo does not read it; the resolved asset hrefs pass its href policy like any other.
    /// </summary>
    public string? SourceHref { get; init; }

    /// <summary>Area of interest <c>[west, south, east, north]</c> in WGS84 degrees; the whole scene when absent.</summary>
    public double[]? Aoi { get; init; }

    /// <summary>Products wanted (see <see cref="ProductNames"/>); all when absent or empty.</summary>
    public IReadOnlyList<string>? Products { get; init; }

    /// <summary>Job to attach the acquisition to, if any.</summary>
    public string? JobId { get; init; }

    /// <summary>The submission grains validate: the inline item travels as JSON text.</summary>
    public AcquisitionSubmission ToSubmission() => new()
    {
        ItemJson = Item is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } item ? item.GetRawText() : null,
        ItemHref = ItemHref,
        SourceHref = SourceHref,
        Aoi = Aoi,
        Products = Products,
        JobId = JobId,
    };
}

/// <summary>Reply of <c>POST /api/acquisitions</c> (202 Accepted).</summary>
/// <param name="SceneId">Key of the scene grain that handles the acquisition.</param>
/// <param name="State">Scene state right after acceptance.</param>
/// <param name="AlreadyKnown">True when the same acquisition had been accepted before.</param>
/// <param name="StatusUrl">Where to poll the scene's status.</param>
[GenerateSerializer, Immutable]
public sealed record AcquisitionResponse(string SceneId, string State, bool AlreadyKnown, string StatusUrl);

/// <summary>Error body returned with 4xx/5xx answers.</summary>
/// <param name="Error">What went wrong, in words a user can act on.</param>
public sealed record ApiError(string Error);
