using System.CommandLine;
using Actors.Abstractions.Geometry;
using Actors.Cli.Output;
using Actors.Cli.Parsing;
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
        var item = new Option<string>("--item") { Description = "STAC item file path or file:// URL", HelpName = "ITEM", Required = true };
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

            var stacItem = await StacItem.LoadAsync(ItemReference.ToSiloHref(parseResult.GetRequiredValue(item)), cancellationToken);
            var bandSources = stacItem.ResolveBands(processor.RequiredBands)
                .ToDictionary(kv => kv.Key, kv => AssetHref.ToGdalPath(kv.Value), StringComparer.Ordinal);
            // Without an AOI there is nothing to crop: the processor reads the item's bands where they are.
            var area = parseResult.GetValue(aoi);
            var bands = area is null
                ? bandSources
                : (await new SceneStager().StageAsync(
                    new StagingRequest(bandSources, area.ToArray(), Path.Combine(outputDirectory, "staged", stacItem.Id)),
                    cancellationToken)).BandFiles;
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
