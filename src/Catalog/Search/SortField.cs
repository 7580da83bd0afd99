namespace Actors.Catalog.Search;

/// <summary>One key of the Sort extension's <c>sortby</c>: a field and its direction.</summary>
/// <param name="Field">
/// <c>id</c>, <c>collection</c>, <c>datetime</c>, <c>start_datetime</c>, <c>end_datetime</c>, or a numeric
/// property (<c>eo:cloud_cover</c> or <c>properties.eo:cloud_cover</c>).
/// </param>
/// <param name="Descending">Largest first.</param>
public sealed record SortField(string Field, bool Descending)
{
    /// <summary>The order when a request names none: newest first, like the STAC API implementations users know.</summary>
    public static IReadOnlyList<SortField> Default { get; } = [new("datetime", true)];

    /// <summary>Parses the GET form: comma-separated fields, each optionally prefixed with <c>+</c> or <c>-</c>.</summary>
    /// <exception cref="CatalogRequestException">A field is empty.</exception>
    public static IReadOnlyList<SortField> ParseList(string text)
    {
        var fields = new List<SortField>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            // A '+' in a query string arrives as a space once URL-decoded.
            var part = raw.TrimStart(' ');
            var descending = part.StartsWith('-');
            var name = part.TrimStart('+', '-', ' ');
            if (name.Length == 0) throw new CatalogRequestException($"sortby '{text}' has an empty field.");
            fields.Add(new SortField(name, descending));
        }
        return fields;
    }
}
