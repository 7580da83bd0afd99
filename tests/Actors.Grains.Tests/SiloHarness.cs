using System.Collections.Concurrent;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Messages;
using Actors.Grains.Queries;
using Actors.Processing.Stac;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests;

/// <summary>
/// The grains in-process as a silo runs them: real MassTransit in-memory bus, SQLite, local object
/// store, GDAL processors. Collects log lines so tests can count stagings and computations.
/// </summary>
public sealed class SiloHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHarness(IHost host, string dataDirectory, ConcurrentQueue<string> log)
    {
        _host = host;
        DataDirectory = dataDirectory;
        Log = log;
    }

    public string DataDirectory { get; }
    public ConcurrentQueue<string> Log { get; }
    public IServiceProvider Services => _host.Services;

    public static async Task<SiloHarness> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var log = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:DataDirectory"] = dataDirectory });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(new CollectingLoggerProvider(log)).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddGrains(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHarness(host, dataDirectory, log);
    }

    public async Task<AcquisitionAccepted> AcceptAsync(string itemPath, IReadOnlyList<string>? products = null, string? jobId = null)
    {
        var item = await StacItem.LoadAsync(itemPath, CancellationToken.None);
        var client = Services.GetRequiredService<IRequestClient<AcceptAcquisition>>();
        var response = await client.GetResponse<AcquisitionAccepted>(new AcceptAcquisition(
            GrainKeys.Scene(item.Id, null), item.Json.ToJsonString(), item.Href, null, products ?? ProductNames.All, jobId));
        return response.Message;
    }

    public Task<SceneStatus?> SceneAsync(string sceneId) =>
        Services.GetRequiredService<StatusQueries>().SceneAsync(sceneId, CancellationToken.None);

    public async Task<SceneStatus> WaitFinishedAsync(string sceneId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = await SceneAsync(sceneId);
            if (status is { IsFinished: true }) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Scene {sceneId} did not finish: {status?.State}\n{string.Join('\n', Log)}");
            await Task.Delay(50);
        }
    }

    public int LogLinesContaining(params string[] parts) => Log.Count(line => parts.All(p => line.Contains(p, StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
