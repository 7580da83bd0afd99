using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;

namespace Actors.OpenEo.Graphs;

/// <summary>
/// The parts of the JSON Schema dialect of openEO process definitions the validator reads (types, subtypes,
/// alternatives), and how schemas and values are named in messages.
/// </summary>
internal static class SchemaTerms
{
    /// <summary>Subtypes whose values are data cubes: only a node's or a parameter's result can be one.</summary>
    public static bool IsCube(string? subtype) => subtype is "datacube" or "raster-cube" or "vector-cube";

    /// <summary>The subtype of a child process.</summary>
    public const string ProcessGraphSubtype = "process-graph";

    /// <summary>The subtype of a <c>[start, end]</c> pair.</summary>
    public const string TemporalIntervalSubtype = "temporal-interval";

    /// <summary>A string property of a schema, or null.</summary>
    public static string? Text(JsonObject schema, string key) =>
        schema[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A number property of a schema, or null.</summary>
    public static double? Number(JsonObject schema, string key) => schema[key] is JsonValue value ? NumberOf(value) : null;

    /// <summary>The <c>type</c> names of a schema, or null when it does not restrict the type.</summary>
    public static IReadOnlyList<string>? Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue one when one.GetValueKind() == JsonValueKind.String => [one.GetValue<string>()],
        JsonArray many => [.. many.OfType<JsonValue>().Where(t => t.GetValueKind() == JsonValueKind.String).Select(t => t.GetValue<string>())],
        _ => null,
    };

    /// <summary>The alternatives of a schema: an array of schemas (openEO's shorthand for anyOf), <c>anyOf</c> or <c>oneOf</c>.</summary>
    public static JsonArray? Alternatives(JsonNode? schema) => schema switch
    {
        JsonArray array => array,
        JsonObject o => o["anyOf"] as JsonArray ?? o["oneOf"] as JsonArray,
        _ => null,
    };

    /// <summary>The JSON kind of a value; <c>null</c> literals are C# null in <see cref="JsonNode"/> trees.</summary>
    public static JsonValueKind KindOf(JsonNode? value) => value?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>The number a JSON number stands for, or null when it is not a number.</summary>
    public static double? NumberOf(JsonNode? value) =>
        KindOf(value) == JsonValueKind.Number && double.TryParse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>Whether a value is of the JSON Schema type <paramref name="type"/>.</summary>
    public static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => KindOf(value) == JsonValueKind.Null,
        "boolean" => KindOf(value) is JsonValueKind.True or JsonValueKind.False,
        "number" => KindOf(value) == JsonValueKind.Number,
        "integer" => NumberOf(value) is { } n && double.IsFinite(n) && Math.Floor(n) == n,
        "string" => KindOf(value) == JsonValueKind.String,
        "array" => KindOf(value) == JsonValueKind.Array,
        "object" => KindOf(value) == JsonValueKind.Object,
        // An unknown type name is a schema this validator does not understand: it must not reject values for it.
        _ => true,
    };

    /// <summary>What a schema accepts, e.g. "a number or null", "a datacube", "a process".</summary>
    /// <remarks>A user-defined process's schemas are user input: the description is cut like an echo.</remarks>
    public static string Describe(JsonNode? schema)
    {
        var description = DescribeFully(schema);
        return description.Length > 2 * EchoedText.MaxLength ? EchoedText.Of(description) : description;
    }

    private static string DescribeFully(JsonNode? schema)
    {
        if (schema is JsonArray) return string.Join(" or ", Alternatives(schema)!.Select(Describe).Distinct());
        if (schema is not JsonObject o) return "any value";
        var subtype = Text(o, "subtype");
        if (IsCube(subtype)) return "a datacube";
        switch (subtype)
        {
            case ProcessGraphSubtype: return "a process ({\"process_graph\": ...})";
            case "bounding-box": return "a bounding box (an object with west, south, east and north)";
            case TemporalIntervalSubtype: return "a temporal interval ([start, end])";
        }

        if (Types(o) is { } types) return string.Join(" or ", types.Select(Article).Distinct());
        return Alternatives(o) is { } alternatives ? string.Join(" or ", alternatives.Select(Describe).Distinct()) : "any value";
    }

    /// <summary>A user value named in a message, quoted only as far as <see cref="EchoedText"/> allows.</summary>
    public static string DescribeValue(JsonNode? value) => KindOf(value) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => $"the number {EchoedText.Of(value!.ToJsonString())}",
        JsonValueKind.String => $"the string '{EchoedText.Of(value!.GetValue<string>())}'",
        JsonValueKind.Array => $"an array of {value!.AsArray().Count} elements",
        _ => ArgumentValue.KindOf(value) == ArgumentKind.Callback ? "a process" : "an object",
    };

    private static string Article(string type) => type switch
    {
        "null" => "null",
        "integer" or "array" or "object" => "an " + type,
        _ => "a " + type,
    };
}
