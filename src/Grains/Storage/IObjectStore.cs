namespace Actors.Grains.Storage;

/// <summary>
/// Where staged bands, products and quicklooks live, by key (e.g. <c>scenes/{scene}/nir.tif</c>). The
/// local store is the embedded default; an S3 store implements the same contract.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores a local file under <paramref name="key"/>, replacing any object there, atomically.</summary>
    Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken);

    /// <summary>True when an object exists at <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>A name GDAL can open the object with (local path, later /vsis3/…).</summary>
    string GdalPath(string key);

    /// <summary>The href to publish in STAC items for the object.</summary>
    string Href(string key);
}
