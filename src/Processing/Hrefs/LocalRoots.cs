using Actors.Abstractions;
using Actors.Raster.Native;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The directories local hrefs must stay under (<see cref="HrefPolicyOptions.LocalRoots"/>). A path is judged
/// twice: as written (after <c>..</c> is folded), so a path outside every root is refused without touching the
/// file system, and by its real path (libc <c>realpath</c>: every symbolic link resolved), so a link inside a root
/// cannot lead out of it. The target must then be a regular file, which <c>statx</c> tells without opening it:
/// devices never end (<c>/dev/zero</c>) and opening a FIFO blocks.
/// </summary>
public sealed class LocalRoots
{
    private const int NoSuchFile = 2;
    private readonly IReadOnlyList<string> _roots;

    /// <summary>The roots, absolute directory paths. Roots are resolved when a path is checked, so a root created later counts.</summary>
    public LocalRoots(IEnumerable<string> roots) =>
        _roots = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The real path and facts of the regular file <paramref name="path"/> names inside a root. With
    /// <paramref name="mayBeMissing"/>, a path inside a root that does not exist (yet) passes as written (null facts):
    /// the read that follows reports it missing.
    /// </summary>
    /// <exception cref="HrefRefusedException">The path is outside every root, leads out of them, or is not a regular file.</exception>
    public (string RealPath, LinuxFileFacts? Facts) Check(string path, bool mayBeMissing = false)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new HrefRefusedException("A local path must not contain NUL characters.");
        var echoed = EchoedText.Of(path);
        var full = Path.GetFullPath(path);
        var realRoots = _roots.Select(r => LinuxFiles.RealPath(r, out _)).OfType<string>().ToArray();
        if (!_roots.Concat(realRoots).Any(root => IsUnder(full, root)))
            throw new HrefRefusedException($"'{echoed}' is outside the allowed local roots (setting Hrefs:LocalRoots).");

        // One message for "missing" and "a link leading outside": a refusal must not tell whether a file out there exists.
        var notInside = $"'{echoed}' does not lead to a file inside the allowed local roots (setting Hrefs:LocalRoots).";
        var real = LinuxFiles.RealPath(full, out var errno);
        if (real is null)
        {
            if (mayBeMissing && errno == NoSuchFile) return (full, null);
            throw new HrefRefusedException(notInside);
        }
        if (!realRoots.Any(root => IsUnder(real, root))) throw new HrefRefusedException(notInside);
        if (real.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase))
            throw new HrefRefusedException($"'{echoed}' resolves to a GDAL virtual file system path, not allowed.");
        var facts = LinuxFiles.Stat(real, out _) ?? throw new HrefRefusedException(notInside);
        if (facts.Kind != LinuxFileKind.Regular)
            throw new HrefRefusedException($"'{echoed}' is {Describe(facts.Kind)}, not a regular file.");
        return (real, facts);
    }

    private static bool IsUnder(string path, string root) =>
        root == "/" || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    private static string Describe(LinuxFileKind kind) => kind switch
    {
        LinuxFileKind.Directory => "a directory",
        LinuxFileKind.CharacterDevice => "a character device",
        LinuxFileKind.BlockDevice => "a block device",
        LinuxFileKind.Fifo => "a FIFO (named pipe)",
        LinuxFileKind.Socket => "a socket",
        _ => "a special file",
    };
}
