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

    /// <summary>Opens the object for reading (its length is known), or null when there is none.</summary>
    Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the object; nothing when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The keys under <paramref name="prefix"/> (a folder such as <c>openeo/jobs/j-1/</c>).</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>An object opened for reading; dispose to close it.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="Length">How many.</param>
public sealed record StoredObject(Stream Content, long Length) : IAsyncDisposable
{
    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
