using System.CommandLine;
using Actors.Abstractions.Geometry;
using Actors.Cli.Output;
using Actors.Cli.Parsing;
using Actors.Processing.Hrefs;
using Actors.Processing.Products;
using Actors.Processing.Stac;
using Actors.Processing.Staging;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>eoctl process PRODUCT --item ITEM --out DIR</c>: runs one processor in this process, without a silo,
/// the same steps a product grain takes (resolve bands, stage to the AOI, process).
/// </summary>
public static class ProcessCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var registry = ProcessorRegistry.Default();
        var product = new Argument<string>("PRODUCT") { Description = $"Product to make: {string.Join(", ", registry.Names.Order())}" };
        var item = new Option<string>("--item") { Description = "STAC item file path, file:// URL or URL", HelpName = "ITEM", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the staged bands and the outputs", HelpName = "DIR", Required = true };
        var aoi = new Option<Bbox?>("--aoi")
        {
            Description = "Area of interest in WGS84 degrees: west,south,east,north (default: the whole scene)",
            HelpName = "w,s,e,n",
            CustomParser = CliParsers.Aoi,
        };

        var json = new Option<bool>("--json") { Description = "Print the outputs and properties as JSON" };

        var command = new Command("process", "Run one product processor locally on a STAC item (no silo)") { product, item, output, aoi, json };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(null, async () =>
        {
            var name = parseResult.GetRequiredValue(product);
            var processor = registry.Find(name)
                ?? throw new UserInputException($"unknown product '{name}'. Known products: {string.Join(", ", registry.Names.Order())}.");
            var outputDirectory = parseResult.GetRequiredValue(output).FullName;

            var policy = LocalRunHrefs.Policy();
            var handlers = new SafeHttpHandlerFactory(policy);
            using var reader = new ItemDocumentReader(policy, handlers);
            using var assets = new AssetLocator(policy, handlers);
            var document = await reader.ReadAsync(ItemReference.Parse(parseResult.GetRequiredValue(item)).Href, cancellationToken);
            var stacItem = StacItem.Parse(document.Text, document.Href);
            var bandHrefs = stacItem.ResolveBands(processor.RequiredBands);
            // Without an AOI there is nothing to crop: the processor reads the item's bands where they are.
            var area = parseResult.GetValue(aoi);
            IReadOnlyDictionary<string, string> bands;
            if (area is null)
            {
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (band, href) in bandHrefs) paths[band] = await assets.ToGdalPathAsync(href, cancellationToken);
                bands = paths;
            }
            else
            {
                bands = (await new SceneStager(assets).StageAsync(
                    new StagingRequest(bandHrefs, area.ToArray(), Path.Combine(outputDirectory, "staged", stacItem.Id)),
                    cancellationToken)).BandFiles;
            }
            var result = await processor.RunAsync(
                new ProductInput(bands, outputDirectory, $"{stacItem.Id}_{processor.Name}"), cancellationToken);

            var view = LocalRunView.Of(processor, stacItem.Id, result);
            if (parseResult.GetValue(json)) JsonOutput.Write(Console.Out, view);
            else view.WriteTable(Console.Out);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
