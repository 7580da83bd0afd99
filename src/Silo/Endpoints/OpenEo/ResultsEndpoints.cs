using System.Formats.Tar;
using System.Text.Json.Nodes;
using Actors.Grains.Execution;
using Actors.Grains.OpenEo;
using Actors.OpenEo;
using Actors.Silo.Errors;
using Actors.Silo.Security;

namespace Actors.Silo.Endpoints.OpenEo;

/// <summary>
/// <c>POST /result</c>: validates the process, then runs it on this silo while the client waits and answers the saved
/// file with its media type (several files as a tar). At most <c>OpenEo:MaxSynchronousRuns</c> run at once per silo;
/// beyond that the answer is 503 <c>InfrastructureBusy</c>. A client that hangs up cancels the run.
/// </summary>
public static class ResultsEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapResultsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/result", async (HttpContext context, IProcessGraphValidator validator, IProcessGraphExecutor executor,
            ICollectionReader collections, IGrainFactory grains, SynchronousRunSlots slots, WorkDirectory work, ILoggerFactory loggers) =>
        {
            var body = await OpenEoRequests.ReadObjectAsync(context);
            if (body["process"] is not JsonObject process || process["process_graph"] is not JsonObject)
                return OpenEoErrors.Result(context, 400, "ProcessGraphMissing", "Invalid process specified. It doesn't contain a process graph.");
            var caller = context.User.ToCaller();
            var users = await UserProcesses.LoadAsync(grains, caller.Subject);
            if (validator.Validate(process, users).FirstOrDefault() is { } problem)
                return OpenEoErrors.Result(context, OpenEoRequests.StatusOf(problem.Code), problem.Code, problem.Message);

            using var slot = slots.TryTake();
            if (slot is null)
            {
                context.Response.Headers.RetryAfter = "10";
                return OpenEoErrors.Result(context, 503, "InfrastructureBusy",
                    "Every synchronous slot of this silo is computing; retry shortly or start a batch job.");
            }
            var log = loggers.CreateLogger("Actors.OpenEo.Synchronous");
            var scratch = work.Create();
            // The files are streamed after this handler returns; the folder goes when the response is done.
            context.Response.RegisterForDispose(scratch);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = await executor.ExecuteAsync(new ExecutionRequest(process, collections, users, scratch.Path), context.RequestAborted);
            log.LogInformation("Synchronous openEO run for {Subject} computed {Files} file(s) in {Seconds:0.00} s",
                caller.Subject, result.Files.Count, watch.Elapsed.TotalSeconds);
            context.Response.Headers["OpenEO-Costs"] = "0";
            switch (result.Files.Count)
            {
                case 0:
                    return OpenEoErrors.Result(context, 400, "ProcessGraphInvalid", "The process saves no result: end it with save_result.");
                case 1:
                    return Results.File(result.Files[0].Path, result.Files[0].MediaType, Path.GetFileName(result.Files[0].Path));
                default:
                    var tar = Path.Combine(scratch.Path, "results.tar");
                    await using (var output = File.Create(tar))
                    await using (var writer = new TarWriter(output))
                        foreach (var file in result.Files)
                            await writer.WriteEntryAsync(file.Path, Path.GetFileName(file.Path), context.RequestAborted);
                    return Results.File(tar, "application/x-tar", "results.tar");
            }
        });
        return api;
    }
}
