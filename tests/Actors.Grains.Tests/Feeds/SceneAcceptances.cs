using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Feeds;

/// <summary>
/// Every acquisition the scene grains accept, as they log it (<c>Accepted acquisition of {SceneId} (…, repeat: …)</c>):
/// what a feed published, observed at the receiving end rather than inside the feed grain. Process-wide; tests use
/// their own item ids.
/// </summary>
public static class SceneAcceptances
{
    private static readonly ConcurrentQueue<(string SceneId, bool Repeat)> Seen = new();

    /// <summary>How often the scene <paramref name="sceneId"/> accepted an acquisition (a repeat included).</summary>
    public static int CountOf(string sceneId) => Seen.Count(s => s.SceneId == sceneId);

    /// <summary>How often the scene accepted an acquisition it already knew.</summary>
    public static int RepeatsOf(string sceneId) => Seen.Count(s => s.SceneId == sceneId && s.Repeat);

    /// <summary>Waits until each of <paramref name="sceneIds"/> accepted at least one acquisition.</summary>
    public static async Task WaitForAsync(IEnumerable<string> sceneIds, TimeSpan? timeout = null)
    {
        var ids = sceneIds.ToArray();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (ids.Any(id => CountOf(id) == 0))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No acquisition reached {string.Join(", ", ids.Where(id => CountOf(id) == 0))}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Silos whose scene grains' acceptances are recorded here.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton<ILoggerProvider, Provider>();
    }

    private sealed class Provider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Actors.Grains.Scenes.SceneGrain" ? new Recorder() : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class Recorder : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
            if (!values.Any(v => v.Key == "{OriginalFormat}" && v.Value is string f && f.StartsWith("Accepted acquisition of", StringComparison.Ordinal))) return;
            var scene = values.FirstOrDefault(v => v.Key == "SceneId").Value as string;
            var repeat = values.FirstOrDefault(v => v.Key == "Repeat").Value is true;
            if (scene is not null) Seen.Enqueue((scene, repeat));
        }
    }
}
