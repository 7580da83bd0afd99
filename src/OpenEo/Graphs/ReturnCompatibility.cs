using System.Text.Json.Nodes;

namespace Actors.OpenEo.Graphs;

/// <summary>
/// Whether a node's result can be what a parameter takes, judged from the producing process's <c>returns</c> schema
/// alone. Deliberately lenient: a mismatch is only reported when no value the process may return fits the parameter
/// (a number where a datacube is required, a datacube where only numbers are), never on a maybe.
/// </summary>
internal static class ReturnCompatibility
{
    private const int MaxDepth = 16;

    /// <summary>Whether some value described by <paramref name="returns"/> may fit <paramref name="expected"/>.</summary>
    public static bool CanFit(JsonNode? returns, JsonNode? expected)
    {
        var produced = Flatten(returns, 0);
        var accepted = Flatten(expected, 0);
        return produced.Any(p => accepted.Any(a => Compatible(p, a)));
    }

    // One alternative of a schema: its types (null: any) and subtype.
    private sealed record Shape(IReadOnlySet<string>? Types, string? Subtype);

    private static List<Shape> Flatten(JsonNode? schema, int depth)
    {
        if (depth > MaxDepth || schema is not JsonObject and not JsonArray) return [new Shape(null, null)];
        if (schema is JsonObject o && SchemaTerms.Alternatives(o) is null)
        {
            var types = SchemaTerms.Types(o);
            return [new Shape(types is null ? null : Widen(types), SchemaTerms.Text(o, "subtype"))];
        }

        var shapes = SchemaTerms.Alternatives(schema)!.SelectMany(alternative => Flatten(alternative, depth + 1)).ToList();
        return shapes.Count == 0 ? [new Shape(null, null)] : shapes;
    }

    // An integer is a number and a number may be an integer: the two never make a mismatch.
    private static HashSet<string> Widen(IEnumerable<string> types)
    {
        var set = new HashSet<string>(types, StringComparer.Ordinal);
        if (set.Contains("integer") || set.Contains("number")) set.UnionWith(["integer", "number"]);
        return set;
    }

    private static bool Compatible(Shape produced, Shape accepted)
    {
        if (produced.Types is null || accepted.Types is null) return true;
        if (!produced.Types.Overlaps(accepted.Types)) return false;
        // Beyond "object", only the difference between a datacube and another kind of object is certain.
        var onlyObjects = produced.Types.Intersect(accepted.Types).All(t => t == "object");
        if (!onlyObjects) return true;
        var producedCube = SchemaTerms.IsCube(produced.Subtype);
        var acceptedCube = SchemaTerms.IsCube(accepted.Subtype);
        if (producedCube && accepted.Subtype is not null && !acceptedCube) return false;
        if (!producedCube && produced.Subtype is not null && acceptedCube) return false;
        return true;
    }
}
