using System.CommandLine;
using Actors.Abstractions.Api;
using Actors.Abstractions.Geometry;
using Actors.Cli.Parsing;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl publish ITEM</c>: sends an acquisition to the silo and prints the scene id.</summary>
public static class PublishCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var item = new Argument<string>("ITEM") { Description = "STAC item: a file path or file:// URL (sent inline) or a URL the silo reads" };
        var aoi = new Option<Bbox?>("--aoi")
        {
            Description = "Area of interest in WGS84 degrees: west,south,east,north (default: the whole scene)",
            HelpName = "w,s,e,n",
            CustomParser = CliParsers.Aoi,
        };
        var products = new Option<string[]>("--products")
        {
            Description = "Comma-separated products to make (default: all the silo knows)",
            HelpName = "water-bodies,ndvi",
            CustomParser = CliParsers.ProductList,
        };
        var job = new Option<string?>("--job") { Description = "Job id to attach the acquisition to", HelpName = "ID" };

        var command = new Command("publish", "Publish an acquisition to the silo; prints the scene id") { item, aoi, products, job };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            var reference = ItemReference.Parse(parseResult.GetRequiredValue(item));
            // A local file goes inline with its path as the source, so its relative asset hrefs resolve on the
            // silo (which checks them against its allowed roots); a URL the silo reads itself.
            var request = new AcquisitionRequest
            {
                Item = reference.LocalPath is null ? null : await reference.ReadLocalAsync(cancellationToken),
                ItemHref = reference.Url,
                SourceHref = reference.LocalPath,
                Aoi = parseResult.GetValue(aoi)?.ToArray(),
                Products = parseResult.GetValue(products),
                JobId = parseResult.GetValue(job),
            };
            using var client = global.CreateClient(parseResult);
            var response = await client.PublishAsync(request, cancellationToken);
            // stdout carries only the id so `SCENE=$(eoctl publish ...)` works; the rest is for people.
            Console.Out.WriteLine(response.SceneId);
            Console.Error.WriteLine(response.AlreadyKnown
                ? $"already known: scene {response.SceneId} is {response.State}"
                : $"accepted: scene {response.SceneId} is {response.State}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
