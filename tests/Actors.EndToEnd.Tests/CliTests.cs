using System.Text.Json.Nodes;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests;

/// <summary>The built eoctl, run as a user would, without a silo.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _work = new("cli");

    [Fact]
    public async Task Sample_then_process_water_bodies_writes_the_product_files()
    {
        var sampleDir = Path.Combine(_work.Path, "sample");
        var outDir = Path.Combine(_work.Path, "out");

        var sample = await CliProcess.RunAsync(CommandTimeout, "sample", "--out", sampleDir, "--size", "256", "--seed", "7");
        Assert.True(sample.ExitCode == 0, sample.ToString());
        var itemPath = sample.StandardOutput.Trim();
        Assert.True(File.Exists(itemPath), $"sample printed '{itemPath}', which does not exist");
        Assert.Equal(Path.Combine(sampleDir, "item.json"), itemPath);

        var process = await CliProcess.RunAsync(CommandTimeout, "process", "water-bodies", "--item", itemPath, "--out", outDir);
        Assert.True(process.ExitCode == 0, process.ToString());
        var cog = Assert.Single(Directory.GetFiles(outDir, "*water-bodies.tif"));
        var quicklook = Assert.Single(Directory.GetFiles(outDir, "*water-bodies.png"));
        Assert.True(new FileInfo(cog).Length > 0 && new FileInfo(quicklook).Length > 0);
        Assert.Contains(cog, process.StandardOutput);
        Assert.Contains("water-bodies:otsu_threshold", process.StandardOutput);

        var ndvi = await CliProcess.RunAsync(CommandTimeout, "process", "ndvi", "--item", itemPath, "--out", outDir, "--json");
        Assert.True(ndvi.ExitCode == 0, ndvi.ToString());
        var report = JsonNode.Parse(ndvi.StandardOutput)!;
        Assert.Equal("ndvi", report["product"]!.GetValue<string>());
        Assert.True(File.Exists(report["data"]!.GetValue<string>()));
        // NDVI is stored as scaled int16 so it compresses; the scale must reach the user with it.
        Assert.Equal("int16", report["dataType"]!.GetValue<string>());
        Assert.Equal(1e-4, report["scale"]!.GetValue<double>());
    }

    [Fact]
    public async Task Unknown_product_is_a_usage_error_with_a_clear_message_and_no_stack_trace()
    {
        var result = await CliProcess.RunAsync(CommandTimeout, "process", "snow-cover", "--item", "item.json", "--out", _work.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown product 'snow-cover'", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Unreachable_silo_is_reported_with_its_own_exit_code()
    {
        // A port bound but never listening refuses connections, and no silo another test starts can take it meanwhile.
        using var reserved = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        reserved.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)reserved.LocalEndPoint!).Port;
        var result = await CliProcess.RunAsync(CommandTimeout, "--server", $"http://127.0.0.1:{port}", "status", "some-scene");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach the silo", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    public void Dispose() => _work.Dispose();
}
