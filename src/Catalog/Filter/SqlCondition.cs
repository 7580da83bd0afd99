namespace Actors.Catalog.Filter;

/// <summary>The SQL databases a filter translates for.</summary>
public enum SqlDialect
{
    /// <summary>SQLite: document is TEXT holding the item JSON (json_extract / json_type).</summary>
    Sqlite,
    /// <summary>PostgreSQL: document is jsonb (-&gt;, -&gt;&gt;, jsonb_typeof).</summary>
    Postgres,
}

/// <summary>
/// A WHERE-clause fragment over table alias <c>i</c>. When <see cref="Exact"/> is false the SQL may return extra rows
/// (never fewer) and the caller must post-filter them with <see cref="Cql2Evaluator"/>.
/// </summary>
/// <param name="Sql">The fragment; it references parameters only through the placeholders the bind callback returned.</param>
/// <param name="Exact">True when the rows the SQL returns are exactly the matching items.</param>
public sealed record SqlCondition(string Sql, bool Exact);
