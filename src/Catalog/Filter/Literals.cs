using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>A reference to an item property; see <see cref="Cql2Properties"/> for how names resolve.</summary>
/// <param name="Name">The property name as written (colons and dots are part of the name, never a path).</param>
public sealed record PropertyRef(string Name) : Cql2Expression;

/// <summary>A character string literal.</summary>
/// <param name="Value">The unescaped text.</param>
public sealed record StringLiteral(string Value) : Cql2Expression;

/// <summary>A numeric literal; all numbers compare as doubles.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberLiteral(double Value) : Cql2Expression;

/// <summary>TRUE or FALSE; usable as a predicate on its own.</summary>
/// <param name="Value">The truth value.</param>
public sealed record BooleanLiteral(bool Value) : Cql2Expression
{
    /// <inheritdoc />
    public override bool IsPredicate => true;
}

/// <summary>TIMESTAMP('...') / {"timestamp": "..."}: an instant.</summary>
/// <param name="UnixMilliseconds">The instant in Unix milliseconds.</param>
public sealed record TimestampLiteral(long UnixMilliseconds) : Cql2Expression;

/// <summary>
/// DATE('...') / {"date": "..."}. In comparisons it stands for midnight UTC of the day; in temporal operators for the
/// whole day (first to last millisecond).
/// </summary>
/// <param name="Date">The calendar day.</param>
public sealed record DateLiteral(DateOnly Date) : Cql2Expression;

/// <summary>INTERVAL(a, b) / {"interval": [a, b]}; a null end is open ('..'). Ends are instants, dates or properties.</summary>
/// <param name="Start">First instant, or null for an open start.</param>
/// <param name="End">Last instant, or null for an open end.</param>
public sealed record IntervalLiteral(Cql2Expression? Start, Cql2Expression? End) : Cql2Expression;

/// <summary>A geometry literal: GeoJSON in CQL2 JSON, WKT in CQL2 Text.</summary>
/// <param name="Shape">The geometry.</param>
public sealed record GeometryLiteral(Shape Shape) : Cql2Expression;

/// <summary>BBOX(w, s, e, n) / {"bbox": [...]}: west &gt; east crosses the antimeridian.</summary>
/// <param name="West">West longitude.</param>
/// <param name="South">South latitude.</param>
/// <param name="East">East longitude.</param>
/// <param name="North">North latitude.</param>
public sealed record BboxLiteral(double West, double South, double East, double North) : Cql2Expression
{
    /// <summary>The box as a shape (two polygons when it crosses the antimeridian).</summary>
    public Shape Shape => Shape.FromBbox(West, South, East, North);
}

/// <summary>An array literal: ('a', 'b') in text, [..] in JSON.</summary>
/// <param name="Items">The elements.</param>
public sealed record ArrayLiteral(IReadOnlyList<Cql2Expression> Items) : Cql2Expression
{
    /// <summary>The elements.</summary>
    public IReadOnlyList<Cql2Expression> Items { get; init; } = new EquatableList<Cql2Expression>(Items);
}

/// <summary>CASEI(x): x folded to lower case (invariant), for case-insensitive comparison when both sides are wrapped.</summary>
/// <param name="Arg">The string operand.</param>
public sealed record CaseiFunction(Cql2Expression Arg) : Cql2Expression;

/// <summary>ACCENTI(x): x with diacritics (combining marks) removed, for accent-insensitive comparison.</summary>
/// <param name="Arg">The string operand.</param>
public sealed record AccentiFunction(Cql2Expression Arg) : Cql2Expression;
