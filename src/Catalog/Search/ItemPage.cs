using System.Text.Json.Nodes;

namespace Actors.Catalog.Search;

/// <summary>One page of search results, in sort order, with the tokens of the pages either side.</summary>
/// <param name="Items">The items, whole (the Fields extension is applied when they are sent).</param>
/// <param name="Next">The token of the following page, or null on the last.</param>
/// <param name="Previous">The token of the preceding page, or null on the first.</param>
public sealed record ItemPage(IReadOnlyList<JsonObject> Items, PageToken? Next, PageToken? Previous);
