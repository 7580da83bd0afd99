using Actors.Abstractions.Api;
using Actors.Client;

namespace Actors.Cli.Output;

/// <summary>Human-readable renderings of a <see cref="SceneStatus"/>.</summary>
public static class SceneStatusView
{
    /// <summary>The scene header and one table row per product.</summary>
    public static void WriteTable(TextWriter writer, SceneStatus status, SiloClient client)
    {
        writer.WriteLine($"Scene    {status.SceneId}");
        writer.WriteLine($"Item     {status.ItemId}");
        writer.WriteLine($"State    {status.State}{(status.Reason is null ? "" : " - " + status.Reason)}");
        writer.WriteLine($"Updated  {status.UpdatedAt:u}");
        if (status.StacItemUrl is not null) writer.WriteLine($"STAC     {client.ResolveUrl(status.StacItemUrl)}");
        writer.WriteLine();
        var table = new TextTable("PRODUCT", "VERSION", "STATE", "RUNS", "DETAIL");
        foreach (var product in status.Products)
            table.Add(product.Product, product.Version, product.State, product.Computations.ToString(), Detail(product));
        table.WriteTo(writer);
    }

    /// <summary>One line with the scene state and each product's state, for progress output.</summary>
    public static string ProgressLine(SceneStatus status, TimeSpan elapsed)
    {
        var products = status.Products.Count == 0
            ? "products not fanned out yet"
            : string.Join("  ", status.Products.Select(p => $"{p.Product}: {p.State}"));
        return $"[{elapsed.TotalSeconds,6:0.0}s] scene {status.State}  |  {products}";
    }

    /// <summary>Where each product's files and STAC items are, and why failures failed.</summary>
    public static void WriteResults(TextWriter writer, SceneStatus status, SiloClient client)
    {
        if (status.State == SceneStates.Failed)
            writer.WriteLine($"Scene {status.SceneId} failed: {status.Reason}");
        if (status.StacItemUrl is not null)
            writer.WriteLine($"Staged scene STAC item: {client.ResolveUrl(status.StacItemUrl)}");
        foreach (var product in status.Products)
        {
            writer.WriteLine($"{product.Product} ({product.Version}): {product.State}");
            if (product.Reason is not null) writer.WriteLine($"  reason: {product.Reason}");
            foreach (var (key, href) in product.Assets.OrderBy(a => a.Key, StringComparer.Ordinal))
                writer.WriteLine($"  {key}: {href}");
            if (product.StacItemUrl is not null) writer.WriteLine($"  STAC item: {client.ResolveUrl(product.StacItemUrl)}");
        }
    }

    private static string Detail(ProductStatus product) =>
        product.Reason
        ?? (product.Assets.TryGetValue("data", out var data) ? data : product.Assets.Values.FirstOrDefault())
        ?? "";
}
