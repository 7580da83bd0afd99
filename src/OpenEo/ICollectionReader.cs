namespace Actors.OpenEo;

/// <summary>What <c>load_collection</c> reads: the items of a catalog collection and their bands as rasters.</summary>
public interface ICollectionReader
{
    /// <summary>The items matching <paramref name="query"/>, oldest first, with the requested bands.</summary>
    /// <exception cref="OpenEoException">No such collection (<c>CollectionNotFound</c>), or a band it lacks.</exception>
    Task<IReadOnlyList<SourceItem>> FindAsync(CollectionQuery query, CancellationToken cancellationToken);
}

/// <summary>A <c>load_collection</c> call's filters.</summary>
/// <param name="Collection">Collection id.</param>
/// <param name="Bbox">West, south, east, north in WGS 84 degrees, or null for everything.</param>
/// <param name="Start">Inclusive start of the temporal extent, or null.</param>
/// <param name="End">Exclusive end of the temporal extent, or null.</param>
/// <param name="Bands">The bands wanted, in order, or null for all.</param>
public sealed record CollectionQuery(string Collection, double[]? Bbox, DateTimeOffset? Start, DateTimeOffset? End, IReadOnlyList<string>? Bands);

/// <summary>One item of a collection: a time step of the cube.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Datetime">Acquisition time.</param>
/// <param name="Properties">The item's properties (for <c>load_collection</c>'s <c>properties</c> filter).</param>
/// <param name="Bands">Band name to raster, in the requested order.</param>
public sealed record SourceItem(string Id, DateTimeOffset Datetime, IReadOnlyDictionary<string, object?> Properties, IReadOnlyList<SourceBand> Bands);

/// <summary>A band of an item.</summary>
/// <param name="Name">Band name (the collection's <c>cube:dimensions</c> label, e.g. <c>red</c>).</param>
/// <param name="GdalPath">A name GDAL opens (local path or <c>/vsis3/...</c>).</param>
/// <param name="Scale">Physical value = stored × scale + offset.</param>
/// <param name="Offset">See <paramref name="Scale"/>.</param>
public sealed record SourceBand(string Name, string GdalPath, double Scale = 1, double Offset = 0);
