using System.Globalization;

namespace Actors.Abstractions.Geometry;

/// <summary>A WGS84 bounding box in degrees: west, south, east, north.</summary>
public sealed record Bbox(double West, double South, double East, double North)
{
    /// <summary>Parses <c>"w,s,e,n"</c> (invariant culture) and validates it.</summary>
    /// <exception cref="FormatException">The text is not four numbers forming a valid WGS84 box.</exception>
    public static Bbox Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
            throw new FormatException($"A bbox needs four comma-separated numbers 'west,south,east,north', got '{text}'.");
        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new FormatException($"Bbox value '{parts[i]}' in '{text}' is not a number.");
        }
        return FromArray(values);
    }

    /// <summary>Builds a box from <c>[w, s, e, n]</c> and validates it.</summary>
    /// <exception cref="FormatException">The values do not form a valid WGS84 box.</exception>
    public static Bbox FromArray(IReadOnlyList<double> values)
    {
        if (values.Count != 4)
            throw new FormatException($"A bbox needs four numbers [west, south, east, north], got {values.Count}.");
        var box = new Bbox(values[0], values[1], values[2], values[3]);
        box.Validate();
        return box;
    }

    /// <summary>Throws <see cref="FormatException"/> unless the box lies inside WGS84 bounds with west &lt; east and south &lt; north.</summary>
    public void Validate()
    {
        if (!double.IsFinite(West) || !double.IsFinite(South) || !double.IsFinite(East) || !double.IsFinite(North))
            throw new FormatException("Bbox values must be finite numbers.");
        if (West < -180 || East > 180 || South < -90 || North > 90)
            throw new FormatException($"Bbox {this} lies outside WGS84 bounds (-180..180, -90..90).");
        if (West >= East || South >= North)
            throw new FormatException($"Bbox {this} is empty: west must be < east and south < north.");
    }

    /// <summary>The box as <c>[w, s, e, n]</c>, the STAC <c>bbox</c> order.</summary>
    public double[] ToArray() => [West, South, East, North];

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{West},{South},{East},{North}");
}
