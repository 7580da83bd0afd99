using System.CommandLine;
using System.Diagnostics;
using Actors.Abstractions.Api;
using Actors.Cli.Output;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl wait SCENE</c>: follows a scene until every product is done, then says where the results are.</summary>
public static class WaitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var scene = new Argument<string>("SCENE") { Description = "Scene id (as printed by publish)" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait before giving up",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 600,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var seconds && (!double.IsFinite(seconds) || seconds <= 0))
                result.AddError("--timeout must be a positive number of seconds.");
        });

        var command = new Command("wait", "Wait until a scene's products are done; exit 0 only if all completed") { scene, timeout };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var clock = Stopwatch.StartNew();
            var progress = new InlineProgress<SceneStatus>(s => Console.Out.WriteLine(SceneStatusView.ProgressLine(s, clock.Elapsed)));
            SceneStatus final;
            try
            {
                final = await client.WaitForSceneAsync(
                    parseResult.GetRequiredValue(scene), TimeSpan.FromSeconds(parseResult.GetValue(timeout)), progress, cancellationToken);
            }
            catch (SceneWaitTimeoutException e)
            {
                if (e.LastStatus is { } last) SceneStatusView.WriteResults(Console.Out, last, client);
                return CommandRunner.Fail(ExitCodes.Timeout, e.Message);
            }
            Console.Out.WriteLine();
            SceneStatusView.WriteResults(Console.Out, final, client);
            if (!final.HasFailures) return ExitCodes.Success;
            return CommandRunner.Fail(ExitCodes.WorkFailed, $"scene {final.SceneId} finished with failures.");
        }, cancellationToken));
        return command;
    }
}
