using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Actors.OpenEo.Processes;

/// <summary>
/// The predefined processes this back-end implements, as their openEO definitions (openeo-processes 2.0.0-rc.2)
/// state them: the definitions are verbatim copies embedded into this assembly, read once.
/// </summary>
/// <remarks>
/// <see cref="Processes"/> and <see cref="Find"/> hand out copies: a caller may attach a definition to a response
/// document (which gives a <see cref="JsonNode"/> a parent) or change it without touching the catalog.
/// </remarks>
public sealed class ProcessCatalog : IProcessCatalog
{
    /// <summary>The ids of the implemented processes, in the order <c>GET /processes</c> lists them.</summary>
    public static IReadOnlyList<string> ImplementedIds { get; } =
    [
        // Data cubes.
        "load_collection", "filter_bbox", "filter_temporal", "filter_bands", "reduce_dimension", "apply", "merge_cubes",
        "resample_spatial", "mask", "ndvi", "save_result",
        // Math on scalars.
        "add", "subtract", "multiply", "divide", "absolute", "power", "sqrt", "exp", "ln", "log", "clip",
        "linear_scale_range", "normalized_difference",
        // Comparisons and logic.
        "eq", "neq", "gt", "gte", "lt", "lte", "between", "and", "or", "not", "xor", "if", "is_nan", "is_nodata", "is_valid",
        // Arrays and reducers.
        "array_element", "mean", "median", "max", "min", "count", "sum", "sd", "variance", "first", "last",
    ];

    /// <summary>The prefix of the embedded definitions' resource names; the file name (<c>&lt;id&gt;.json</c>) follows it.</summary>
    public const string ResourcePrefix = "Actors.OpenEo.Processes.Definitions.";

    private static readonly Lazy<FrozenDictionary<string, JsonObject>> Definitions = new(LoadDefinitions);

    /// <inheritdoc />
    public IReadOnlyList<JsonObject> Processes => [.. ImplementedIds.Select(id => Definitions.Value[id].DeepClone().AsObject())];

    /// <inheritdoc />
    public JsonObject? Find(string id) => Definitions.Value.TryGetValue(id, out var definition) ? definition.DeepClone().AsObject() : null;

    private static JsonObject? ReadEmbedded(string id)
    {
        using var stream = typeof(ProcessCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + id + ".json");
        return stream is null ? null : JsonNode.Parse(stream)?.AsObject();
    }

    private static FrozenDictionary<string, JsonObject> LoadDefinitions()
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in ImplementedIds)
        {
            // A missing or renamed file is a packaging mistake: fail at start-up, not when a user asks for the process.
            var definition = ReadEmbedded(id) ?? throw new InvalidOperationException($"The definition of process '{id}' is not embedded.");
            var declared = (string?)definition["id"];
            if (declared != id) throw new InvalidOperationException($"The embedded definition '{id}.json' declares id '{declared}'.");
            definitions.Add(id, definition);
        }

        return definitions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
