using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Runtime;

/// <summary>Scratch folders for raster work under the data folder, removed when the turn ends.</summary>
public sealed class WorkDirectory(IOptions<SiloOptions> options)
{
    private readonly string _root = Path.Combine(options.Value.DataPath, "work");

    /// <summary>A fresh folder; dispose to delete it.</summary>
    public Scratch Create()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new Scratch(path);
    }

    /// <summary>Removes scratch left by a crashed process.</summary>
    public void Clean()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A scratch folder.</summary>
    public sealed class Scratch(string path) : IDisposable
    {
        /// <summary>Its path.</summary>
        public string Path { get; } = path;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
    }
}
