using System.CommandLine;
using Actors.Cli.Output;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl job JOBID</c>: shows a job's state and product counts.</summary>
public static class JobCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var jobId = new Argument<string>("JOBID") { Description = "Job id (as given to publish --job)" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };

        var command = new Command("job", "Show a job's state and its products' states") { jobId, json };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var job = await client.GetJobAsync(parseResult.GetRequiredValue(jobId), cancellationToken);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(Console.Out, job);
                return ExitCodes.Success;
            }
            var c = job.Counts;
            Console.Out.WriteLine($"Job      {job.JobId}");
            Console.Out.WriteLine($"State    {job.State}");
            Console.Out.WriteLine($"Scenes   {job.Scenes.Count}");
            Console.Out.WriteLine($"Products {c.Total} total: {c.Pending} pending, {c.Running} running, {c.Completed} completed, {c.Failed} failed");
            Console.Out.WriteLine();
            var table = new TextTable("SCENE", "PRODUCT", "STATE", "REASON");
            foreach (var p in job.Products) table.Add(p.SceneId, p.Product, p.State, p.Reason);
            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
