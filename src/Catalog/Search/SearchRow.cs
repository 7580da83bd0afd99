namespace Actors.Catalog.Search;

/// <summary>
/// One row of a search query: the item's JSON and the values of its sort key, in the order of
/// <see cref="ItemSearchSql"/>'s select list (sort fields, then collection, then id).
/// </summary>
/// <param name="Document">The item, as JSON text.</param>
/// <param name="Key">string, long, double or null values, as the store returned them.</param>
public sealed record SearchRow(string Document, IReadOnlyList<object?> Key);
