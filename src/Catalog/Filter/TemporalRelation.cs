namespace Actors.Catalog.Filter;

/// <summary>The CQL2 temporal relations over inclusive [start, end] pairs (instants are [t, t]).</summary>
internal static class TemporalRelation
{
    public static bool Holds(TemporalOperator op, long aStart, long aEnd, long bStart, long bEnd) => op switch
    {
        TemporalOperator.After => aStart > bEnd,
        TemporalOperator.Before => aEnd < bStart,
        TemporalOperator.Contains => aStart < bStart && aEnd > bEnd,
        TemporalOperator.Disjoint => aEnd < bStart || aStart > bEnd,
        TemporalOperator.During => aStart > bStart && aEnd < bEnd,
        TemporalOperator.Equal => aStart == bStart && aEnd == bEnd,
        TemporalOperator.FinishedBy => aStart < bStart && aEnd == bEnd,
        TemporalOperator.Finishes => aStart > bStart && aEnd == bEnd,
        TemporalOperator.Intersects => aStart <= bEnd && aEnd >= bStart,
        TemporalOperator.Meets => aEnd == bStart,
        TemporalOperator.MetBy => aStart == bEnd,
        TemporalOperator.OverlappedBy => bStart < aStart && aStart < bEnd && bEnd < aEnd,
        TemporalOperator.Overlaps => aStart < bStart && bStart < aEnd && aEnd < bEnd,
        TemporalOperator.StartedBy => aStart == bStart && aEnd > bEnd,
        TemporalOperator.Starts => aStart == bStart && aEnd < bEnd,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
