using System.Text.Json.Nodes;

namespace Actors.Catalog.Filter;

/// <summary>What a CQL2 property name refers to in a STAC item.</summary>
public enum Cql2PropertyKind
{
    /// <summary><c>id</c>: the item id (SQL column id).</summary>
    Id,
    /// <summary><c>collection</c>: the item's collection (SQL column collection_id).</summary>
    Collection,
    /// <summary><c>geometry</c>: the item geometry (SQL columns min_x..max_y hold its box).</summary>
    Geometry,
    /// <summary><c>datetime</c>: the item's <see cref="ItemTime"/>; its start in comparisons, the whole interval in temporal operators.</summary>
    Datetime,
    /// <summary><c>start_datetime</c>: <see cref="ItemTime.Start"/> (SQL dt_start).</summary>
    StartDatetime,
    /// <summary><c>end_datetime</c>: <see cref="ItemTime.End"/> (SQL dt_end).</summary>
    EndDatetime,
    /// <summary>Any other name <c>x</c>: <c>properties.x</c>, the name taken literally (colons and dots included).</summary>
    Other,
}

/// <summary>Resolves CQL2 property names against a STAC item, the one rule the evaluator and the SQL translation share.</summary>
public static class Cql2Properties
{
    /// <summary>The kind of a property name (case-sensitive, as STAC names are).</summary>
    public static Cql2PropertyKind Classify(string name) => name switch
    {
        "id" => Cql2PropertyKind.Id,
        "collection" => Cql2PropertyKind.Collection,
        "geometry" => Cql2PropertyKind.Geometry,
        "datetime" => Cql2PropertyKind.Datetime,
        "start_datetime" => Cql2PropertyKind.StartDatetime,
        "end_datetime" => Cql2PropertyKind.EndDatetime,
        _ => Cql2PropertyKind.Other,
    };

    /// <summary>
    /// The raw JSON behind a non-temporal name: <c>id</c>, <c>collection</c> and <c>geometry</c> at the item's top level,
    /// anything else under <c>properties</c>. Null when absent or JSON null. Temporal names resolve through <see cref="ItemTime"/>.
    /// </summary>
    public static JsonNode? Raw(JsonObject item, string name) => Classify(name) switch
    {
        Cql2PropertyKind.Id => item["id"],
        Cql2PropertyKind.Collection => item["collection"],
        Cql2PropertyKind.Geometry => item["geometry"],
        _ => (item["properties"] as JsonObject)?[name],
    };
}
