using System.CommandLine;
using Actors.Cli.Output;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl status SCENE</c>: shows a scene's state and its products'; exits 1 when the scene or a product failed.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var scene = new Argument<string>("SCENE") { Description = "Scene id (as printed by publish)" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };

        var command = new Command("status", "Show a scene's state and each product's state") { scene, json };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var status = await client.GetSceneAsync(parseResult.GetRequiredValue(scene), cancellationToken);
            if (parseResult.GetValue(json)) JsonOutput.Write(Console.Out, status);
            else SceneStatusView.WriteTable(Console.Out, status, client);
            return status.HasFailures ? ExitCodes.WorkFailed : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
