using Actors.OpenEo.Execution;
using Actors.OpenEo.Graphs;
using Actors.OpenEo.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.OpenEo;

/// <summary>Registers the openEO engine: the process catalog, the graph validator and the executor.</summary>
public static class OpenEoEngineServiceCollectionExtensions
{
    /// <summary>Adds the engine's services as singletons.</summary>
    public static IServiceCollection AddOpenEoEngine(this IServiceCollection services) => services
        .AddSingleton<IProcessCatalog, ProcessCatalog>()
        .AddSingleton<IProcessGraphValidator, ProcessGraphValidator>()
        .AddSingleton<IProcessGraphExecutor, ProcessGraphExecutor>();
}
