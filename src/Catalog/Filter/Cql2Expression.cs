namespace Actors.Catalog.Filter;

/// <summary>
/// A node of a parsed CQL2 filter. Text and JSON encodings of the same filter parse to equal trees
/// (records compare by value, lists element by element).
/// </summary>
public abstract record Cql2Expression
{
    /// <summary>True for nodes that yield a truth value (predicates, logical connectives, TRUE/FALSE).</summary>
    public virtual bool IsPredicate => false;
}

/// <summary>A predicate node.</summary>
public abstract record Cql2Predicate : Cql2Expression
{
    /// <inheritdoc />
    public override bool IsPredicate => true;
}
