using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Tests;

/// <summary>
/// Items and filters shared by the SQLite (Actors.Catalog.Tests) and PostgreSQL (Actors.Grains.Tests, linked file)
/// agreement tests: what the SQL returns, post-filtered when inexact, must be what the evaluator accepts.
/// </summary>
public static class Cql2Corpus
{
    /// <summary>
    /// Checks a store's answer to <paramref name="filter"/> against the evaluator's over <paramref name="items"/>: the SQL
    /// rows, post-filtered when the SQL is inexact, are exactly the matches, and the SQL never drops a match.
    /// </summary>
    public static void AssertAgrees(Case testCase, Cql2Expression filter, IEnumerable<JsonObject> items, IReadOnlyList<(string Id, JsonObject Item)> rows, SqlCondition condition)
    {
        var expected = Matching(filter, items);
        var filtered = Passing(filter, rows, condition);
        Assert.Equal(testCase.Exact, condition.Exact);
        Assert.True(expected.SequenceEqual(filtered),
            $"{testCase.Filter}\nSQL: {condition.Sql}\nmissing: {string.Join(", ", expected.Except(filtered))}\nextra: {string.Join(", ", filtered.Except(expected))}");
        Assert.Empty(expected.Except(rows.Select(r => r.Id)));
    }

    /// <summary>True when the store's rows, post-filtered when the SQL is inexact, are exactly the evaluator's matches.</summary>
    public static bool Agrees(Cql2Expression filter, IEnumerable<JsonObject> items, IReadOnlyList<(string Id, JsonObject Item)> rows, SqlCondition condition) =>
        Matching(filter, items).SequenceEqual(Passing(filter, rows, condition));

    private static List<string> Matching(Cql2Expression filter, IEnumerable<JsonObject> items) =>
        items.Where(i => Cql2Evaluator.Matches(filter, i)).Select(i => (string)i["id"]!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Passing(Cql2Expression filter, IReadOnlyList<(string Id, JsonObject Item)> rows, SqlCondition condition) =>
        rows.Where(r => condition.Exact || Cql2Evaluator.Matches(filter, r.Item)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>A filter in CQL2 Text (or CQL2 JSON when it starts with '{') and whether its SQL must be exact.</summary>
    public sealed record Case(string Filter, bool Exact)
    {
        public Cql2Expression Parse() => Filter.StartsWith('{') ? Cql2JsonParser.Parse(JsonNode.Parse(Filter)) : Cql2TextParser.Parse(Filter);

        public override string ToString() => Filter;
    }

    /// <summary>The columns a store keeps for an item beside its document.</summary>
    public sealed record Row(string Id, string? Collection, string Document, long? DtStart, long? DtEnd,
        double? MinX, double? MinY, double? MaxX, double? MaxY);

    public static readonly IReadOnlyList<Case> Cases =
    [
        new("eo:cloud_cover < 20", true),
        new("\"eo:cloud_cover\" BETWEEN 0 AND 50 AND collection = 'sentinel-2-l2a'", true),
        new("NOT (eo:cloud_cover < 20)", true),
        new("eo:cloud_cover <> 10", true),
        new("eo:cloud_cover IS NULL", true),
        new("eo:cloud_cover IS NOT NULL", true),
        new("eo:cloud_cover IN (10, 20.5, 30)", true),
        new("eo:cloud_cover = '12'", true),
        new("10 > eo:cloud_cover OR eo:cloud_cover >= 90", true),
        new("id IN ('item-01', 'item-02', 'emoji-😀')", true),
        new("id NOT IN ('item-01', 'item-03')", true),
        new("id > 'item-30'", true),
        new("'sentinel-2-l2a' = collection", true),
        new("collection <> 'sentinel-2-l2a'", true),
        new("collection IS NULL", true),
        new("collection > 'landsat-c2-l2' AND id <= 'item-20'", true),
        new("collection = 'sentinel-2-l2a' OR platform = 'landsat-8'", true),
        new("platform LIKE 'sentinel-2%'", true),
        new("platform NOT LIKE 'Sentinel%'", true),
        new("id LIKE 'item-0_'", true),
        new("id LIKE 'percent\\%%'", true),
        new("platform LIKE '%[a]%' OR platform LIKE 'x-_'", true),
        new("platform >= 'sentinel'", true),
        new("platform > 'x-～'", true),
        new("flag = TRUE", true),
        new("flag <> true", true),
        new("NOT (flag = false)", true),
        new("flag < true", true),
        new("gsd >= 10 AND gsd <= 30", true),
        new("\"title.with.dots\" = 'dotted'", true),
        new("datetime > TIMESTAMP('2021-06-01T00:00:00Z')", true),
        new("datetime = TIMESTAMP('2021-01-01T10:00:00Z')", true),
        new("datetime >= DATE('2021-03-01') AND datetime < '2021-09-01T00:00:00+02:00'", true),
        new("start_datetime >= TIMESTAMP('2021-01-01T00:00:00Z') AND end_datetime <= TIMESTAMP('2021-02-01T00:00:00Z')", true),
        new("datetime IS NULL", true),
        new("T_INTERSECTS(datetime, INTERVAL('2021-01-01T00:00:00Z', '2021-03-31T23:59:59Z'))", true),
        new("T_INTERSECTS(datetime, INTERVAL('2021-10-01T00:00:00Z', '..'))", true),
        new("NOT T_INTERSECTS(datetime, INTERVAL('..', '2021-02-01'))", true),
        new("T_BEFORE(datetime, TIMESTAMP('2021-02-01T00:00:00Z'))", true),
        new("T_AFTER(datetime, DATE('2021-06-01'))", true),
        new("T_DURING(datetime, INTERVAL('2021-01-01', '2021-12-31'))", true),
        new("T_CONTAINS(datetime, TIMESTAMP('2021-01-15T00:00:00Z'))", true),
        new("T_EQUALS(datetime, INTERVAL('2021-01-01T00:00:00Z', '2021-01-31T23:59:59Z'))", true),
        new("T_MEETS(datetime, INTERVAL('2021-02-01T00:00:00Z', '..')) OR T_METBY(datetime, TIMESTAMP('2021-02-01T00:00:00Z'))", true),
        new("T_OVERLAPS(datetime, INTERVAL('2021-01-10T00:00:00Z', '2021-06-01T00:00:00Z'))", true),
        new("T_OVERLAPPEDBY(datetime, INTERVAL('2020-12-01T00:00:00Z', '2021-01-10T00:00:00Z'))", true),
        new("T_STARTS(datetime, INTERVAL('2021-01-01T00:00:00Z', '2021-12-31T00:00:00Z')) OR T_STARTEDBY(datetime, TIMESTAMP('2021-01-01T00:00:00Z'))", true),
        new("T_FINISHES(datetime, INTERVAL('2020-01-01T00:00:00Z', '2021-01-31T23:59:59Z')) OR T_FINISHEDBY(datetime, TIMESTAMP('2021-03-31T00:00:00Z'))", true),
        new("T_DISJOINT(datetime, INTERVAL('2021-01-15T00:00:00Z', '2021-07-15T00:00:00Z'))", true),
        new("T_INTERSECTS(start_datetime, DATE('2021-01-01'))", true),
        new("created < TIMESTAMP('2021-01-01T00:00:00Z')", false),
        new("T_BEFORE(created, TIMESTAMP('2021-01-01T00:00:00Z')) OR T_AFTER(INTERVAL(start_datetime, '..'), created)", false),
        new("S_INTERSECTS(geometry, POLYGON((0 0, 12 0, 12 12, 0 12, 0 0)))", false),
        new("S_INTERSECTS(geometry, POINT(10 10))", false),
        new("S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))", false),
        new("S_INTERSECTS(geometry, MULTIPOINT((-176 0), (100 45)))", false),
        new("NOT S_INTERSECTS(geometry, BBOX(-20, -20, 20, 20))", false),
        new("S_DISJOINT(geometry, BBOX(0, 0, 30, 30))", false),
        new("geometry IS NULL", true),
        new("A_CONTAINS(instruments, ('oli'))", false),
        new("A_OVERLAPS(instruments, ('msi', 'tirs'))", false),
        new("A_EQUALS(instruments, ('oli', 'tirs'))", false),
        new("A_CONTAINEDBY(instruments, ('msi', 'oli', 'tirs'))", false),
        new("CASEI(platform) = CASEI('SENTINEL-2A')", false),
        new("CASEI(name) LIKE 'abc%'", false),
        new("ACCENTI(platform) = 'Sentinel'", false),
        new("gsd = eo:cloud_cover", false),
        new("eo:cloud_cover < 50 AND NOT (A_CONTAINS(instruments, ('msi')))", false),
        new("TRUE", true),
        new("1 = 2 OR id = 'item-07'", true),
        new("(eo:cloud_cover < 10 OR NOT (platform = 'landsat-8')) AND NOT (id = 'item-05')", true),
        new("{\"op\":\"and\",\"args\":[{\"op\":\"<=\",\"args\":[{\"property\":\"gsd\"},30]},{\"op\":\"not\",\"args\":[{\"op\":\"isNull\",\"args\":[{\"property\":\"platform\"}]}]}]}", true),
        new("{\"op\":\"t_intersects\",\"args\":[{\"property\":\"datetime\"},{\"interval\":[\"2021-03-01\",\"2021-05-31\"]}]}", true),
        new("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":[[[-10,-10],[25,-10],[25,25],[-10,25],[-10,-10]]]}]}", false),
        new("{\"op\":\"like\",\"args\":[{\"property\":\"id\"},\"item-1%\"]}", true),
    ];

    /// <summary>
    /// Random AND/OR/NOT trees over the corpus filters (seeded, so reproducible): they mix exact and inexact parts under
    /// negation, where a wrong NULL or superset rule shows.
    /// </summary>
    public static IReadOnlyList<Cql2Expression> Combinations(int count, int seed = 20260101)
    {
        var random = new Random(seed);
        var atoms = Cases.Select(c => c.Parse()).ToList();
        Cql2Expression Tree(int depth)
        {
            if (depth == 0 || random.Next(4) == 0) return atoms[random.Next(atoms.Count)];
            return random.Next(3) switch
            {
                0 => new NotExpression(Tree(depth - 1)),
                1 => new AndExpression([Tree(depth - 1), Tree(depth - 1)]),
                _ => new OrExpression([Tree(depth - 1), Tree(depth - 1)]),
            };
        }
        return Enumerable.Range(0, count).Select(_ => Tree(4)).ToList();
    }

    private static readonly string[] Collections = ["sentinel-2-l2a", "landsat-c2-l2", "Sentinel-2-L2A"];
    private static readonly string[] Platforms = ["sentinel-2a", "sentinel-2b", "landsat-8", "Sentinel-2A", "Sëntinel", "SENTINEL-2A", "x-😀", "x-～", "a[a]b", "ü-sat"];
    private static readonly string?[] Instruments = ["[\"msi\"]", "[\"oli\",\"tirs\"]", "[]", null, "\"msi\"", "[\"tirs\",\"oli\"]", "[\"msi\",\"oli\"]"];
    private static readonly string[] Ranges =
    [
        "2021-01-01T00:00:00Z/2021-01-31T23:59:59Z",
        "2021-02-01T00:00:00Z/2021-03-31T00:00:00Z",
        "2020-12-15T00:00:00Z/2021-01-15T00:00:00Z",
        "2021-01-01T00:00:00Z/2021-02-01T00:00:00Z",
        "2021-01-15T00:00:00Z/2021-01-15T00:00:00Z",
        "2021-03-01T00:00:00+01:00/2021-07-01T12:30:00.250Z",
    ];

    /// <summary>About sixty items: generated variety plus hand-made edge cases (antimeridian, holes, odd types).</summary>
    public static IReadOnlyList<JsonObject> Items()
    {
        var items = new List<JsonObject>();
        for (var n = 0; n < 48; n++)
        {
            var properties = new JsonObject();
            // Cloud cover: mostly numbers (integer and real), sometimes missing, null or a string.
            switch (n % 9)
            {
                case 0: break;
                case 1: properties["eo:cloud_cover"] = null; break;
                case 2: properties["eo:cloud_cover"] = "12"; break;
                case 3: properties["eo:cloud_cover"] = JsonNode.Parse((n * 7 % 100).ToString(CultureInfo.InvariantCulture)); break;
                default: properties["eo:cloud_cover"] = JsonNode.Parse((n * 11 % 100 + 0.5).ToString(CultureInfo.InvariantCulture)); break;
            }
            if (n == 10) properties["eo:cloud_cover"] = 10;
            if (n == 11) properties["eo:cloud_cover"] = 20.5;
            if (n % 7 != 4) properties["platform"] = Platforms[n % Platforms.Length];
            if (Instruments[n % Instruments.Length] is { } instruments) properties["instruments"] = JsonNode.Parse(instruments);
            switch (n % 4)
            {
                case 0: properties["flag"] = true; break;
                case 1: properties["flag"] = false; break;
                case 2: properties["flag"] = "true"; break;
            }
            if (n % 3 != 2) properties["gsd"] = n % 3 == 0 ? 10 : 30.0 + n;
            if (n % 6 == 0) properties["title.with.dots"] = n % 12 == 0 ? "dotted" : "other";
            properties["name"] = (n % 4) switch { 0 => "abcdef", 1 => "ABCxyz", 2 => "xabc", _ => "Ab" };
            if (n % 7 == 0) properties["created"] = n % 14 == 0 ? "2020-06-01T00:00:00Z" : "not a date";
            else if (n % 7 == 1) properties["created"] = "2021-06-01T00:00:00.5+02:00";

            // Time: instants through 2021 (one on 2021-01-01T10:00Z), ranges, some unparseable or missing.
            if (n % 8 == 7)
            {
                var range = Ranges[n / 8 % Ranges.Length].Split('/');
                properties["datetime"] = null;
                properties["start_datetime"] = range[0];
                properties["end_datetime"] = range[1];
            }
            else if (n == 13) properties["datetime"] = "2021-13-01T00:00:00Z";
            else if (n == 21) { /* no datetime at all */ }
            else properties["datetime"] = new DateTime(2021, 1 + n % 12, 1 + n % 28, 10, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

            var x = -170 + n * 7.3;
            var y = -60 + n * 2.5;
            var geometry = (n % 4) switch
            {
                0 => $"{{\"type\":\"Point\",\"coordinates\":[{F(x)},{F(y)}]}}",
                1 => $"{{\"type\":\"Polygon\",\"coordinates\":[[[{F(x)},{F(y)}],[{F(x + 4)},{F(y)}],[{F(x + 4)},{F(y + 3)}],[{F(x)},{F(y + 3)}],[{F(x)},{F(y)}]]]}}",
                2 => $"{{\"type\":\"LineString\",\"coordinates\":[[{F(x)},{F(y)}],[{F(x + 5)},{F(y + 5)}]]}}",
                _ => n % 8 == 3 ? null : $"{{\"type\":\"MultiPoint\",\"coordinates\":[[{F(x)},{F(y)}],[{F(-x)},{F(-y)}]]}}",
            };
            items.Add(Item($"item-{n:00}", n % 10 == 9 ? null : Collections[n % Collections.Length], properties, geometry));
        }

        // Hand-made cases.
        items.Add(Item("emoji-😀", "sentinel-2-l2a", P("{\"platform\":\"x-😀\",\"eo:cloud_cover\":5,\"datetime\":\"2021-02-01T00:00:00Z\"}"),
            "{\"type\":\"Point\",\"coordinates\":[10,10]}"));
        items.Add(Item("percent%1", "sentinel-2-l2a", P("{\"eo:cloud_cover\":95,\"datetime\":\"2021-03-31T00:00:00Z\"}"),
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[20,0],[20,20],[0,20],[0,0]],[[5,5],[15,5],[15,15],[5,15],[5,5]]]}"));
        items.Add(Item("holed-small", "landsat-c2-l2", P("{\"platform\":\"landsat-8\",\"instruments\":[\"oli\",\"tirs\"],\"datetime\":\"2021-01-15T00:00:00Z\"}"),
            "{\"type\":\"Polygon\",\"coordinates\":[[[8,8],[9,8],[9,9],[8,9],[8,8]]]}"));
        items.Add(Item("antimeridian-multi", "sentinel-2-l2a", P("{\"eo:cloud_cover\":1,\"datetime\":\"2021-01-31T23:59:59Z\"}"),
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[175,-5],[180,-5],[180,5],[175,5],[175,-5]]],[[[-180,-5],[-175,-5],[-175,5],[-180,5],[-180,-5]]]]}",
            bbox: [175, -5, -175, 5]));
        items.Add(Item("antimeridian-point", null, P("{\"platform\":\"sentinel-2b\",\"start_datetime\":\"2021-01-01T00:00:00Z\",\"end_datetime\":\"2021-12-31T00:00:00Z\"}"),
            "{\"type\":\"Point\",\"coordinates\":[179.5,0]}"));
        items.Add(Item("west-of-dateline", "landsat-c2-l2", P("{\"platform\":\"landsat-8\",\"datetime\":\"2021-07-01T00:00:00Z\",\"gsd\":15}"),
            "{\"type\":\"LineString\",\"coordinates\":[[-179,1],[-176,2]]}"));
        items.Add(Item("near-miss", "landsat-c2-l2", P("{\"datetime\":\"2021-01-01T10:00:00Z\",\"gsd\":30}"),
            "{\"type\":\"Polygon\",\"coordinates\":[[[12.5,-1],[14,-1],[14,13],[12.5,13],[12.5,-1]]]}"));
        items.Add(Item("crossing-line", "sentinel-2-l2a", P("{\"eo:cloud_cover\":0,\"instruments\":[\"msi\",\"msi\"]}"),
            "{\"type\":\"LineString\",\"coordinates\":[[-5,6],[30,6]]}"));
        items.Add(Item("no-geometry", "sentinel-2-l2a", P("{\"eo:cloud_cover\":19.999,\"datetime\":\"2021-06-01T00:00:00Z\",\"flag\":true}"), null));
        items.Add(Item("bad-range", "sentinel-2-l2a", P("{\"start_datetime\":\"2021-05-01T00:00:00Z\",\"end_datetime\":\"2021-04-01T00:00:00Z\",\"datetime\":\"2021-04-15T00:00:00Z\"}"),
            "{\"type\":\"Point\",\"coordinates\":[-100,40]}"));
        items.Add(Item("fraction", "landsat-c2-l2", P("{\"datetime\":\"2021-01-31T23:59:59.9999Z\",\"platform\":\"Sentinel-2A\"}"),
            "{\"type\":\"Point\",\"coordinates\":[100,45]}"));
        items.Add(Item("no-properties-values", "landsat-c2-l2", new JsonObject(), "{\"type\":\"Point\",\"coordinates\":[-176,0]}"));
        return items;
    }

    /// <summary>The stored columns: time from <see cref="ItemTime"/>, the box from "bbox" (may cross the antimeridian) or the geometry.</summary>
    public static Row ToRow(JsonObject item)
    {
        var time = ItemTime.Of(item);
        double? minX = null, minY = null, maxX = null, maxY = null;
        if (item["bbox"] is JsonArray bbox)
        {
            (minX, minY, maxX, maxY) = ((double)bbox[0]!, (double)bbox[1]!, (double)bbox[2]!, (double)bbox[3]!);
        }
        else if (item["geometry"] is JsonObject geometry)
        {
            var e = GeoJsonShape.Parse(geometry, "geometry").Envelope;
            (minX, minY, maxX, maxY) = (e.MinX, e.MinY, e.MaxX, e.MaxY);
        }
        return new Row((string)item["id"]!, (string?)item["collection"], item.ToJsonString(), time?.Start, time?.End, minX, minY, maxX, maxY);
    }

    private static JsonObject Item(string id, string? collection, JsonObject properties, string? geometry, double[]? bbox = null)
    {
        var item = new JsonObject { ["type"] = "Feature", ["stac_version"] = "1.0.0", ["id"] = id };
        if (collection is not null) item["collection"] = collection;
        item["geometry"] = geometry is null ? null : JsonNode.Parse(geometry);
        if (bbox is not null) item["bbox"] = new JsonArray(bbox.Select(b => (JsonNode?)b).ToArray());
        item["properties"] = properties;
        return item;
    }

    private static JsonObject P(string json) => JsonNode.Parse(json)!.AsObject();

    private static string F(double v) => Math.Round(Math.Clamp(v, -180, 180), 3).ToString(CultureInfo.InvariantCulture);
}
