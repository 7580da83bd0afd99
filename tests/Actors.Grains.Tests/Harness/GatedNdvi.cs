using Actors.Processing.Products;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Harness;

/// <summary>
/// The real NDVI processor behind a gate the test opens: a computation that takes as long as the test
/// wants, to observe the grains while it runs. One gate per process; one test uses it at a time.
/// </summary>
public sealed class GatedNdvi(IProductProcessor inner) : IProductProcessor
{
    private static TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Closes the gate for the next computation.</summary>
    public static void Close()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when a computation reached the gate.</summary>
    public static Task Entered => _entered.Task;

    /// <summary>Lets waiting computations through.</summary>
    public static void Open() => _gate.TrySetResult();

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public string Version => inner.Version;

    /// <inheritdoc />
    public IReadOnlyList<string> RequiredBands => inner.RequiredBands;

    /// <inheritdoc />
    public async Task<ProductOutput> RunAsync(ProductInput input, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.RunAsync(input, cancellationToken);
    }

    /// <summary>Silos whose NDVI waits at the gate.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder silo) =>
            silo.Services.AddSingleton(new ProcessorRegistry([new WaterBodiesProcessor(), new GatedNdvi(new NdviProcessor())]));
    }
}
