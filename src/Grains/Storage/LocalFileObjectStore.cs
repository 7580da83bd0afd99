using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage;

/// <summary>Objects as files under <c>{DataDirectory}/objects</c>; a put is a copy to a temp name then a rename.</summary>
public sealed class LocalFileObjectStore(IOptions<SiloSettings> options) : IObjectStore
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "objects");

    /// <inheritdoc />
    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
            await using (var destination = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await source.CopyToAsync(destination, cancellationToken);
                await destination.FlushAsync(cancellationToken);
                destination.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <inheritdoc />
    public string GdalPath(string key) => PathOf(key);

    /// <inheritdoc />
    public string Href(string key) => PathOf(key);

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Object key '{key}' leaves the object store.", nameof(key));
    }
}
