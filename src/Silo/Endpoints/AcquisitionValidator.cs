using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.Abstractions.Geometry;
using Actors.Abstractions.Messages;
using Actors.Processing;
using Actors.Processing.Products;
using Actors.Processing.Stac;

namespace Actors.Silo.Endpoints;

/// <summary>
/// Turns a request body into an <see cref="AcceptAcquisition"/> or a message saying exactly what is
/// wrong; nothing reaches a grain until the whole request is valid.
/// </summary>
public sealed class AcquisitionValidator(ProcessorRegistry processors)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The command, or the error.</summary>
    public async Task<(AcceptAcquisition? Command, string? Error)> ValidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        AcquisitionRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AcquisitionRequest>(request.Body, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, $"The request body is not a valid acquisition JSON object: {e.Message}");
        }
        if (body is null) return (null, "The request body is empty; send {\"item\": {...}} or {\"itemHref\": \"...\"}.");

        var hasItem = body.Item is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (hasItem == !string.IsNullOrWhiteSpace(body.ItemHref))
            return (null, "Give exactly one of \"item\" (the STAC item inline) or \"itemHref\" (where to read it).");

        Bbox? aoi = null;
        if (body.Aoi is not null)
        {
            try { aoi = Bbox.FromArray(body.Aoi); }
            catch (FormatException e) { return (null, $"Invalid \"aoi\": {e.Message}"); }
        }

        var products = body.Products is { Count: > 0 } ? body.Products.Distinct(StringComparer.Ordinal).ToArray() : ProductNames.All.ToArray();
        var unknown = products.Where(p => processors.Find(p) is null).ToArray();
        if (unknown.Length > 0)
            return (null, $"Unknown product(s) {string.Join(", ", unknown)}. Known products: {string.Join(", ", processors.Names.Order())}.");
        if (body.JobId is { } job && (string.IsNullOrWhiteSpace(job) || job.Length > 200 || job.IndexOfAny(['/', '\\', '?', '#']) >= 0))
            return (null, "Invalid \"jobId\": use 1-200 characters without '/', '\\', '?' or '#'.");

        StacItem item;
        try
        {
            item = hasItem
                ? StacItem.Parse(body.Item!.Value.GetRawText())
                : await StacItem.LoadAsync(body.ItemHref!, cancellationToken);
        }
        catch (ProcessingException e)
        {
            return (null, e.Message);
        }
        return (new AcceptAcquisition(
            GrainKeys.Scene(item.Id, aoi), item.Json.ToJsonString(), item.Href, aoi?.ToArray(), products, body.JobId), null);
    }
}
