using System.Diagnostics;
using Actors.EndToEnd.Tests.Infrastructure;
using k8s;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The Helm chart under deploy/helm/eo-actors and its two offline validators: helm (from the npm package pinned in
/// tests/helm-validation, unpacked by its tools.sh), kubernetes-models (tests/helm-validation/validate.mjs: types and
/// required fields) and KubernetesClient's strict YAML loading (unknown fields).
/// </summary>
public static class HelmChart
{
    private static readonly Lazy<Task<string>> Helm = new(InstallToolsAsync);

    /// <summary>The chart's folder.</summary>
    public static string Directory { get; } = Path.Combine(BuiltArtifacts.RepositoryRoot, "deploy", "helm", "eo-actors");

    /// <summary>The production-like values file.</summary>
    public static string ProductionValues { get; } = Path.Combine(Directory, "values-production.yaml");

    private static string ValidationDirectory => Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "helm-validation");

    /// <summary><c>helm template eo CHART ARGS…</c>; fails with helm's message when it does not render.</summary>
    public static async Task<string> RenderAsync(string? chart = null, params string[] arguments)
    {
        var result = await HelmAsync(["template", "eo", chart ?? Directory, "--namespace", "eo", .. arguments]);
        return result.ExitCode == 0 ? result.StandardOutput : throw new InvalidOperationException($"helm template failed: {result}");
    }

    /// <summary>Runs helm with <paramref name="arguments"/>.</summary>
    public static async Task<ProcessResult> HelmAsync(IReadOnlyList<string> arguments) =>
        await RunAsync(await Helm.Value, arguments, null);

    /// <summary>
    /// Loads every manifest of <paramref name="yaml"/> with KubernetesClient in strict mode: a field the API does not
    /// define fails (for KEDA's ScaledObject, a field <see cref="KedaScaledObject"/> does not define).
    /// </summary>
    public static List<object> LoadStrict(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type> { [KedaScaledObject.TypeKey] = typeof(KedaScaledObject) }, strict: true);

    /// <summary>Validates <paramref name="yaml"/> with kubernetes-models; the result's output has one line per manifest.</summary>
    public static async Task<ProcessResult> ValidateWithKubernetesModelsAsync(string yaml)
    {
        await Helm.Value;
        return await RunAsync("node", [Path.Combine(ValidationDirectory, "validate.mjs")], yaml);
    }

    /// <summary>Copies the chart to <paramref name="target"/> (to break a template on purpose).</summary>
    public static string CopyTo(string target)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    // npm ci and unpacking helm, once per test run (tools.sh skips both when they are current).
    private static async Task<string> InstallToolsAsync()
    {
        var result = await RunAsync("bash", [Path.Combine(ValidationDirectory, "tools.sh")], null);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : throw new InvalidOperationException($"tests/helm-validation/tools.sh failed: {result}");
    }

    private static async Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

/// <summary>How a tool ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">What it printed.</param>
/// <param name="StandardError">What it printed on stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
