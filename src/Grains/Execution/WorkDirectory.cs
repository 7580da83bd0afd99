using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Actors.Grains.Execution;

/// <summary>Scratch folders for raster work under the data folder, removed when the turn ends.</summary>
public sealed class WorkDirectory
{
    private readonly string _root;

    /// <summary>The scratch root of this silo, <c>{DataDirectory}/work/{silo name}</c>, emptied of what a crash left.</summary>
    public WorkDirectory(IOptions<SiloSettings> options, ILocalSiloDetails silo)
    {
        // Per silo: silos sharing a data folder (an in-process test cluster) must not clear each other's work.
        _root = Path.Combine(options.Value.DataPath, "work", silo.Name);
        Clean();
    }

    /// <summary>A fresh folder; dispose to delete it.</summary>
    public Scratch Create()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new Scratch(path);
    }

    private void Clean()
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
