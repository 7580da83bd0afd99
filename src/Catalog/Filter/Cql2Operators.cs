namespace Actors.Catalog.Filter;

/// <summary>The operator and function names both encodings share (case-insensitive), and the ones refused.</summary>
internal static class Cql2Operators
{
    public static readonly IReadOnlyDictionary<string, ComparisonOperator> Comparison = new Dictionary<string, ComparisonOperator>
    {
        ["="] = ComparisonOperator.Equal, ["<>"] = ComparisonOperator.NotEqual,
        ["<"] = ComparisonOperator.Less, ["<="] = ComparisonOperator.LessOrEqual,
        [">"] = ComparisonOperator.Greater, [">="] = ComparisonOperator.GreaterOrEqual,
    };

    public static readonly IReadOnlyDictionary<string, SpatialOperator> Spatial = new Dictionary<string, SpatialOperator>(StringComparer.OrdinalIgnoreCase)
    {
        ["s_intersects"] = SpatialOperator.Intersects, ["s_disjoint"] = SpatialOperator.Disjoint,
    };

    // Named by CQL2 but not evaluated exactly here; refusing them beats answering them approximately.
    public static readonly IReadOnlySet<string> UnsupportedSpatial = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "s_equals", "s_touches", "s_within", "s_overlaps", "s_crosses", "s_contains",
    };

    public static readonly IReadOnlyDictionary<string, TemporalOperator> Temporal = new Dictionary<string, TemporalOperator>(StringComparer.OrdinalIgnoreCase)
    {
        ["t_after"] = TemporalOperator.After, ["t_before"] = TemporalOperator.Before,
        ["t_contains"] = TemporalOperator.Contains, ["t_disjoint"] = TemporalOperator.Disjoint,
        ["t_during"] = TemporalOperator.During, ["t_equals"] = TemporalOperator.Equal,
        ["t_finishedby"] = TemporalOperator.FinishedBy, ["t_finishes"] = TemporalOperator.Finishes,
        ["t_intersects"] = TemporalOperator.Intersects, ["t_meets"] = TemporalOperator.Meets,
        ["t_metby"] = TemporalOperator.MetBy, ["t_overlappedby"] = TemporalOperator.OverlappedBy,
        ["t_overlaps"] = TemporalOperator.Overlaps, ["t_startedby"] = TemporalOperator.StartedBy,
        ["t_starts"] = TemporalOperator.Starts,
    };

    public static readonly IReadOnlyDictionary<string, ArrayOperator> Array = new Dictionary<string, ArrayOperator>(StringComparer.OrdinalIgnoreCase)
    {
        ["a_equals"] = ArrayOperator.Equal, ["a_contains"] = ArrayOperator.Contains,
        ["a_containedby"] = ArrayOperator.ContainedBy, ["a_overlaps"] = ArrayOperator.Overlaps,
    };

    public static Cql2Exception UnsupportedSpatialError(string name, string where) =>
        new($"unsupported spatial operator {name.ToUpperInvariant()}{where}: only S_INTERSECTS and S_DISJOINT are supported");
}
