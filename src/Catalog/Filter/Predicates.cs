namespace Actors.Catalog.Filter;

/// <summary>AND over two or more predicates (chains of AND parse flat).</summary>
/// <param name="Args">The operands.</param>
public sealed record AndExpression(IReadOnlyList<Cql2Expression> Args) : Cql2Predicate
{
    /// <summary>The operands.</summary>
    public IReadOnlyList<Cql2Expression> Args { get; init; } = new EquatableList<Cql2Expression>(Args);
}

/// <summary>OR over two or more predicates (chains of OR parse flat).</summary>
/// <param name="Args">The operands.</param>
public sealed record OrExpression(IReadOnlyList<Cql2Expression> Args) : Cql2Predicate
{
    /// <summary>The operands.</summary>
    public IReadOnlyList<Cql2Expression> Args { get; init; } = new EquatableList<Cql2Expression>(Args);
}

/// <summary>NOT: plain boolean negation (a comparison on a missing property is false, so its NOT is true).</summary>
/// <param name="Arg">The negated predicate.</param>
public sealed record NotExpression(Cql2Expression Arg) : Cql2Predicate;

/// <summary>The binary comparison operators.</summary>
public enum ComparisonOperator
{
    /// <summary>=</summary>
    Equal,
    /// <summary>&lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>A binary comparison; false when an operand is missing or the types differ.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record ComparisonExpression(ComparisonOperator Op, Cql2Expression Left, Cql2Expression Right) : Cql2Predicate;

/// <summary>x LIKE pattern: '%' any run, '_' one character, '\' escapes the next character; case-sensitive.</summary>
/// <param name="Value">The string operand.</param>
/// <param name="Pattern">The pattern.</param>
public sealed record LikeExpression(Cql2Expression Value, Cql2Expression Pattern) : Cql2Predicate;

/// <summary>x BETWEEN low AND high, both bounds inclusive.</summary>
/// <param name="Value">The operand.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public sealed record BetweenExpression(Cql2Expression Value, Cql2Expression Low, Cql2Expression High) : Cql2Predicate;

/// <summary>x IN (a, b, ...): true when x equals one of the list.</summary>
/// <param name="Value">The operand.</param>
/// <param name="List">The candidates.</param>
public sealed record InExpression(Cql2Expression Value, IReadOnlyList<Cql2Expression> List) : Cql2Predicate
{
    /// <summary>The candidates.</summary>
    public IReadOnlyList<Cql2Expression> List { get; init; } = new EquatableList<Cql2Expression>(List);
}

/// <summary>x IS NULL: the property is absent or JSON null.</summary>
/// <param name="Value">The operand.</param>
public sealed record IsNullExpression(Cql2Expression Value) : Cql2Predicate;

/// <summary>The spatial operators this library evaluates exactly.</summary>
public enum SpatialOperator
{
    /// <summary>S_INTERSECTS</summary>
    Intersects,
    /// <summary>S_DISJOINT</summary>
    Disjoint,
}

/// <summary>S_INTERSECTS / S_DISJOINT between two geometries.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Left">Left geometry.</param>
/// <param name="Right">Right geometry.</param>
public sealed record SpatialExpression(SpatialOperator Op, Cql2Expression Left, Cql2Expression Right) : Cql2Predicate;

/// <summary>The temporal operators (Allen's interval relations, as CQL2 defines them over inclusive intervals).</summary>
public enum TemporalOperator
{
    /// <summary>T_AFTER: a.start &gt; b.end</summary>
    After,
    /// <summary>T_BEFORE: a.end &lt; b.start</summary>
    Before,
    /// <summary>T_CONTAINS: a.start &lt; b.start and a.end &gt; b.end</summary>
    Contains,
    /// <summary>T_DISJOINT: not T_INTERSECTS</summary>
    Disjoint,
    /// <summary>T_DURING: a.start &gt; b.start and a.end &lt; b.end</summary>
    During,
    /// <summary>T_EQUALS: same start and end</summary>
    Equal,
    /// <summary>T_FINISHEDBY: a.start &lt; b.start and a.end = b.end</summary>
    FinishedBy,
    /// <summary>T_FINISHES: a.start &gt; b.start and a.end = b.end</summary>
    Finishes,
    /// <summary>T_INTERSECTS: a.start &lt;= b.end and a.end &gt;= b.start</summary>
    Intersects,
    /// <summary>T_MEETS: a.end = b.start</summary>
    Meets,
    /// <summary>T_METBY: a.start = b.end</summary>
    MetBy,
    /// <summary>T_OVERLAPPEDBY: b.start &lt; a.start &lt; b.end &lt; a.end</summary>
    OverlappedBy,
    /// <summary>T_OVERLAPS: a.start &lt; b.start &lt; a.end &lt; b.end</summary>
    Overlaps,
    /// <summary>T_STARTEDBY: a.start = b.start and a.end &gt; b.end</summary>
    StartedBy,
    /// <summary>T_STARTS: a.start = b.start and a.end &lt; b.end</summary>
    Starts,
}

/// <summary>A temporal relation between two instants or intervals.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record TemporalExpression(TemporalOperator Op, Cql2Expression Left, Cql2Expression Right) : Cql2Predicate;

/// <summary>The array operators.</summary>
public enum ArrayOperator
{
    /// <summary>A_EQUALS: same length and equal element by element, in order.</summary>
    Equal,
    /// <summary>A_CONTAINS: every element of the right array is in the left one.</summary>
    Contains,
    /// <summary>A_CONTAINEDBY: every element of the left array is in the right one.</summary>
    ContainedBy,
    /// <summary>A_OVERLAPS: the arrays share at least one element.</summary>
    Overlaps,
}

/// <summary>An array relation.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Left">Left array.</param>
/// <param name="Right">Right array.</param>
public sealed record ArrayExpression(ArrayOperator Op, Cql2Expression Left, Cql2Expression Right) : Cql2Predicate;
