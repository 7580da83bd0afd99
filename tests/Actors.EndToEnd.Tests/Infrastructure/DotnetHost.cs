namespace Actors.EndToEnd.Tests.Infrastructure;

/// <summary>The <c>dotnet</c> executable that runs framework-dependent assemblies such as the silo and eoctl.</summary>
public static class DotnetHost
{
    /// <summary>The muxer this test run uses when it can be found (so the same SDK runs the silo), else <c>dotnet</c> on PATH.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
