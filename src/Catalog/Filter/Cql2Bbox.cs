using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>Builds a <see cref="BboxLiteral"/> from 4 (2D) or 6 (3D: w, s, zmin, e, n, zmax) numbers, validating it.</summary>
internal static class Cql2Bbox
{
    public static BboxLiteral Create(IReadOnlyList<double> numbers, string where)
    {
        var (w, s, e, n) = numbers.Count switch
        {
            4 => (numbers[0], numbers[1], numbers[2], numbers[3]),
            6 => (numbers[0], numbers[1], numbers[3], numbers[4]),
            _ => throw new Cql2Exception($"{where} needs 4 or 6 numbers, got {numbers.Count}"),
        };
        try
        {
            Shape.BboxEnvelopes(w, s, e, n);
        }
        catch (GeometryException ex)
        {
            throw new Cql2Exception($"invalid {where}: {ex.Message}", ex);
        }
        return new BboxLiteral(w, s, e, n);
    }
}
