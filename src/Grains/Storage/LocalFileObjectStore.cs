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

    /// <inheritdoc />
    public Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<StoredObject?>(null);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
            return Task.FromResult<StoredObject?>(new StoredObject(stream, stream.Length));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<StoredObject?>(null);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(PathOf(prefix.TrimEnd('/') + "/x"))!;
        if (!Directory.Exists(folder)) return Task.FromResult<IReadOnlyList<string>>([]);
        // Temp files of a put in progress are not objects.
        IReadOnlyList<string> keys = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".partial", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(keys);
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Object key '{key}' leaves the object store.", nameof(key));
    }
}
