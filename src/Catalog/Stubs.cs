// TEMPORARY stand-ins for the cql2 branch's Geometry and Filter APIs; removed when it merges.
#pragma warning disable CS1591
using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Catalog.Geometry
{
    public sealed record Envelope(double MinX, double MinY, double MaxX, double MaxY)
    {
        public bool Intersects(Envelope o) => MinX <= o.MaxX && o.MinX <= MaxX && MinY <= o.MaxY && o.MinY <= MaxY;
    }

    public sealed class GeometryException(string message) : FormatException(message);

    public abstract class Shape
    {
        public abstract Envelope Envelope { get; }
        internal virtual IReadOnlyList<Envelope> Parts => [Envelope];
        public bool Intersects(Shape other) => Parts.Any(a => other.Parts.Any(a.Intersects));
        public static Shape FromBbox(double west, double south, double east, double north) => new Boxes(BboxEnvelopes(west, south, east, north));
        public static IReadOnlyList<Envelope> BboxEnvelopes(double w, double s, double e, double n) =>
            w <= e ? [new Envelope(w, s, e, n)] : [new Envelope(w, s, 180, n), new Envelope(-180, s, e, n)];
        private sealed class Boxes(IReadOnlyList<Envelope> parts) : Shape
        {
            internal override IReadOnlyList<Envelope> Parts => parts;
            public override Envelope Envelope => new(parts.Min(p => p.MinX), parts.Min(p => p.MinY), parts.Max(p => p.MaxX), parts.Max(p => p.MaxY));
        }
        internal static Shape Of(Envelope e) => new Boxes([e]);
    }

    public static class GeoJsonShape
    {
        public static Shape Parse(JsonNode? node, string name)
        {
            var xs = new List<double>(); var ys = new List<double>();
            void Walk(JsonNode? n)
            {
                if (n is JsonArray a && a.Count >= 2 && a[0] is JsonValue && a[1] is JsonValue) { xs.Add(a[0]!.GetValue<double>()); ys.Add(a[1]!.GetValue<double>()); }
                else if (n is JsonArray arr) foreach (var c in arr) Walk(c);
            }
            if (node is not JsonObject o || o["coordinates"] is null) throw new GeometryException($"'{name}' is not a GeoJSON geometry.");
            Walk(o["coordinates"]);
            return Shape.Of(new Envelope(xs.Min(), ys.Min(), xs.Max(), ys.Max()));
        }
    }
}

namespace Actors.Catalog.Filter
{
    public sealed record ItemTime(long Start, long End)
    {
        public static ItemTime? Of(JsonObject item)
        {
            var p = item["properties"] as JsonObject;
            if (p?["start_datetime"] is JsonValue sv && p["end_datetime"] is JsonValue ev && TryParseInstant(sv.ToString(), out var s) && TryParseInstant(ev.ToString(), out var e)) return new(s, e);
            return p?["datetime"] is JsonValue dv && TryParseInstant(dv.ToString(), out var d) ? new(d, d) : null;
        }
        public static bool TryParseInstant(string text, out long ms)
        {
            ms = 0;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return false;
            ms = t.ToUnixTimeMilliseconds();
            return true;
        }
    }
    public enum SqlDialect { Sqlite, Postgres }
    public sealed record SqlCondition(string Sql, bool Exact);
    public abstract record Cql2Expression;
    public sealed class Cql2Exception(string message) : FormatException(message);
    public static class Cql2TextParser { public static Cql2Expression Parse(string text) => throw new Cql2Exception("CQL2 not merged yet"); }
    public static class Cql2JsonParser { public static Cql2Expression Parse(JsonNode? node) => throw new Cql2Exception("CQL2 not merged yet"); }
    public static class Cql2Evaluator { public static bool Matches(Cql2Expression expr, JsonObject item) => throw new NotSupportedException(); }
    public static class Cql2Sql { public static SqlCondition Translate(Cql2Expression expr, SqlDialect dialect, Func<object?, string> bind) => throw new NotSupportedException(); }
}
