using System.Diagnostics;
using Actors.OpenEo.Execution;
using Actors.Processing.Samples;
using Xunit.Abstractions;

namespace Actors.OpenEo.Tests.Execution;

/// <summary>One large scene (2048 × 2048), read as six time steps: enough work that a run can be cancelled mid-way.</summary>
public sealed class LargeScene : IAsyncLifetime
{
    public const int Size = 2048;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "openeo-engine-large-" + Guid.NewGuid().ToString("N"));

    public SampleScene Scene { get; private set; } = null!;

    public async Task InitializeAsync() => Scene = await new SyntheticSceneGenerator().GenerateAsync(Directory, Size, seed: 7);

    public Task DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    public IReadOnlyList<SourceItem> Items(int count) => Enumerable.Range(0, count).Select(k => new SourceItem(
        $"large{k}", SceneCollection.FirstDay.AddDays(k), new Dictionary<string, object?>(),
        new[] { "red", "nir" }.Select(b => new SourceBand(b, Scene.BandPaths[b], 0.0001)).ToList())).ToList();
}

/// <summary>Cancelling a run stops it within seconds and leaves no result file.</summary>
public sealed class CancellationTests(LargeScene large, ITestOutputHelper output) : IClassFixture<LargeScene>, IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "openeo-engine-cancel-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    private static string MaxNdviGraph() => Graphs.Fill("""
        {
          "load": @0@,
          "ndvi": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "bands", "reducer": @1@}},
          "max": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t", "reducer": @2@}},
          "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "max"}, "format": "GTiff"}, "result": true}
        }
        """, Graphs.Load(), Graphs.NdviReducer, Graphs.Reducer("max"));

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public async Task Cancel_mid_run_throws_within_two_seconds_and_writes_no_result(double cancelAt)
    {
        using var cancellation = new CancellationTokenSource();
        var cancelledAt = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = 0.0;
        var progress = new InlineProgress(p =>
        {
            reached = Math.Max(reached, p);
            if (p >= cancelAt && !cancelledAt.Task.IsCompleted)
            {
                cancelledAt.TrySetResult(Stopwatch.StartNew());
                cancellation.Cancel();
            }
        });
        var request = new ExecutionRequest(Graphs.Process(MaxNdviGraph()), new StaticReader(large.Items(6)), null, _output, progress);

        var run = new ProcessGraphExecutor().ExecuteAsync(request, cancellation.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(cancelledAt.Task.IsCompleted, "the run was cancelled by the progress it reported");
        var stopped = (await cancelledAt.Task).Elapsed;
        output.WriteLine($"cancelled at progress {cancelAt}, stopped after {stopped.TotalMilliseconds:0} ms");
        Assert.True(stopped < TimeSpan.FromSeconds(2), $"stopped {stopped.TotalSeconds:0.00} s after the cancel");
        Assert.True(reached < 1, "the run did not finish");
        Assert.Empty(Directory.Exists(_output) ? Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Max_ndvi_over_six_large_steps_finishes_and_reports_its_cost()
    {
        var clock = Stopwatch.StartNew();
        var result = await new ProcessGraphExecutor().ExecuteAsync(
            new ExecutionRequest(Graphs.Process(MaxNdviGraph()), new StaticReader(large.Items(6)), null, _output, Log: l => output.WriteLine($"{l.Time:HH:mm:ss.fff} {l.Level} {l.Message}")), CancellationToken.None);
        output.WriteLine($"max NDVI over 6 x {LargeScene.Size}^2: {clock.Elapsed.TotalSeconds:0.00} s, {result.Usage.CpuSeconds:0.00} CPU s");
        Assert.Equal(6L * 2 * LargeScene.Size * LargeScene.Size, result.Usage.PixelsRead);
        Assert.True(result.Usage.CpuSeconds > 0);
        Assert.Equal((LargeScene.Size, LargeScene.Size), (result.Extent.Width, result.Extent.Height));
    }

    [Fact]
    public async Task Ndvi_over_a_1024_square_box_equals_the_reference_and_reports_its_time()
    {
        using var first = Actors.Raster.RasterDataset.Open(large.Scene.BandPaths["red"]);
        var t = first.GeoTransform;
        var graph = Graphs.Fill("""
            {
              "load": @0@,
              "ndvi": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "bands", "reducer": @1@}},
              "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "ndvi"}, "format": "GTiff"}, "result": true}
            }
            """, Graphs.Load(Graphs.UtmBox(t, 512, 512, 1536, 1536)), Graphs.NdviReducer);
        var clock = Stopwatch.StartNew();
        var result = await new ProcessGraphExecutor().ExecuteAsync(
            new ExecutionRequest(Graphs.Process(graph), new StaticReader(large.Items(1)), null, _output), CancellationToken.None);
        output.WriteLine($"NDVI over 1024 x 1024: {clock.Elapsed.TotalSeconds:0.000} s, {result.Usage.CpuSeconds:0.000} CPU s, {result.Usage.BytesWritten} bytes");

        var ndvi = SceneCollection.ReadResult(Assert.Single(result.Files).Path);
        Assert.Equal(1024 * 1024, ndvi.Length);
        var nir = SceneCollection.ReadAll(large.Scene.BandPaths["nir"], out var width, out _);
        var red = SceneCollection.ReadAll(large.Scene.BandPaths["red"], out _, out _);
        for (var y = 0; y < 1024; y++)
            for (var x = 0; x < 1024; x++)
            {
                var i = (512 + y) * width + 512 + x;
                var expected = nir[i] == 0 || red[i] == 0 ? double.NaN : (nir[i] * 1e-4 - red[i] * 1e-4) / (nir[i] * 1e-4 + red[i] * 1e-4);
                var actual = ndvi[y * 1024 + x];
                Assert.True(double.IsNaN(expected) ? float.IsNaN(actual) : Math.Abs(expected - actual) <= 2e-6, $"({x}, {y}): expected {expected}, got {actual}");
            }
    }

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class StaticReader(IReadOnlyList<SourceItem> items) : ICollectionReader
    {
        public Task<IReadOnlyList<SourceItem>> FindAsync(CollectionQuery query, CancellationToken cancellationToken) => Task.FromResult(items);
    }
}
