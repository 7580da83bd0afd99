namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates <c>{tmp}/actors-e2e-{prefix}-{random}</c>.</summary>
    public TempDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actors-e2e-{prefix}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A killed silo may leave a file briefly held; a stray temp folder is not worth failing a test for.
        }
    }
}
