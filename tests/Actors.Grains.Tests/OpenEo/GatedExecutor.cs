using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Actors.OpenEo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.OpenEo;

/// <summary>
/// An executor for the job grain tests: a run (named by the process's <c>id</c>) starts, then waits until the test
/// opens its gate (it then writes a small result) or its token is canceled. Shared by the in-process silos.
/// </summary>
public sealed class GatedExecutor : IProcessGraphExecutor
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>Runs that started, in order.</summary>
    public static ConcurrentQueue<string> Started { get; } = new();

    /// <summary>Runs that saw their token canceled.</summary>
    public static ConcurrentQueue<string> Canceled { get; } = new();

    /// <summary>A process the executor recognises as run <paramref name="name"/>.</summary>
    public static JsonObject Process(string name) => new() { ["id"] = name, ["process_graph"] = new JsonObject() };

    /// <summary>Lets run <paramref name="name"/> finish.</summary>
    public static void Open(string name) => Gate(name).TrySetResult();

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var name = request.Process["id"]!.GetValue<string>();
        Started.Enqueue(name);
        try
        {
            await Gate(name).Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Canceled.Enqueue(name);
            throw;
        }
        Directory.CreateDirectory(request.OutputDirectory);
        var path = Path.Combine(request.OutputDirectory, "result.tif");
        await File.WriteAllTextAsync(path, name, CancellationToken.None);
        request.Log?.Invoke(new ExecutionLog("info", $"{name} computed", DateTimeOffset.UtcNow));
        return new ExecutionResult(
            [new ResultFile(path, FileFormats.MediaType(FileFormats.GTiff), FileFormats.GTiff, [])],
            new ResultExtent([13, 53, 14, 54], 32633, 1, 1, null, null),
            new ExecutionUsage(0.1, 1, 4));
    }

    private static TaskCompletionSource Gate(string name) =>
        Gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Puts the gated executor in the silos.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton<IProcessGraphExecutor, GatedExecutor>();
    }
}
