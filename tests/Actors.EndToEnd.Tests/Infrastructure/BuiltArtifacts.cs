using System.Reflection;

namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Finds the silo and eoctl assemblies built next to this test assembly's configuration (Debug or
/// Release), so the tests run the same build that <c>dotnet test</c> just made.
/// </summary>
public static class BuiltArtifacts
{
    /// <summary>The repository root (the folder holding <c>Actors.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The build configuration of this test assembly.</summary>
    public static string Configuration { get; } =
        typeof(BuiltArtifacts).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Path of the built <c>Actors.Silo.dll</c>.</summary>
    public static string SiloAssembly => Require(Path.Combine(OutputOf("src/Silo"), "Actors.Silo.dll"), "src/Silo");

    /// <summary>Path of the built <c>eoctl.dll</c>.</summary>
    public static string CliAssembly => Require(Path.Combine(OutputOf("src/Cli"), "eoctl.dll"), "src/Cli");

    private static string OutputOf(string project) =>
        Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0");

    private static string Require(string path, string project) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{path} is missing; build {project} in {Configuration} first (dotnet build Actors.sln -c {Configuration}).", path);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Actors.sln above {AppContext.BaseDirectory}.");
    }
}
