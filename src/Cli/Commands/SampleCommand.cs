using System.CommandLine;
using Actors.Processing.Samples;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl sample --out DIR</c>: writes a synthetic Sentinel-2-like scene and prints its STAC item path.</summary>
public static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the scene into", HelpName = "DIR", Required = true };
        var size = new Option<int>("--size") { Description = "Width and height in pixels", HelpName = "N", DefaultValueFactory = _ => 1024 };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 16) result.AddError("--size must be at least 16 pixels.");
        });
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same scene", HelpName = "S", DefaultValueFactory = _ => 42 };

        var command = new Command("sample", "Generate a synthetic scene (green, red, nir COGs, truth mask, STAC item)") { output, size, seed };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(null, async () =>
        {
            var scene = await new SyntheticSceneGenerator().GenerateAsync(
                parseResult.GetRequiredValue(output).FullName, parseResult.GetValue(size), parseResult.GetValue(seed), cancellationToken);
            Console.Out.WriteLine(scene.ItemPath);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
