namespace Actors.Catalog.Search;

/// <summary>A parameterised SQL statement; parameters are named <c>@p0</c>, <c>@p1</c>... in both stores.</summary>
public sealed record SqlQuery(string Text, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
