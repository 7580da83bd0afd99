using System.Text.Json.Nodes;
using Actors.Catalog;
using Actors.Catalog.Filter;
using Actors.Catalog.Geometry;
using Actors.Catalog.Search;
using Actors.Grains.Catalog;
using static Actors.Grains.Tests.Catalog.TestItems;

namespace Actors.Grains.Tests.Catalog;

/// <summary>
/// Item search as the STAC API specification describes it, run against a real store. The same suite runs
/// on SQLite and on PostgreSQL (the subclasses), so both stores must give the same answers. Expected
/// results are computed here from the test data with plain arithmetic, not with the library under test.
/// </summary>
public abstract class StacSearchSuite(CatalogStore store)
{
    private const string Grid = "grid";
    private const string Ranges = "ranges";
    private const string Other = "other";

    /// <summary>The grid: one 0.5° square every 10° of longitude and 20° of latitude, an hour apart.</summary>
    private static readonly IReadOnlyList<GridItem> GridItems = BuildGrid();

    private IStacCatalog Catalog => store.Catalog;

    private Task SeedAsync() => store.SeedOnceAsync(async catalog =>
    {
        foreach (var id in new[] { Grid, Ranges, Other, "paging", "extent" }) await catalog.UpsertCollectionAsync(Collection(id), default);
        foreach (var g in GridItems)
        {
            var properties = new JsonObject { ["platform"] = g.Platform };
            if (g.CloudCover is { } cc) properties["eo:cloud_cover"] = cc;
            await catalog.UpsertItemAsync(Item(g.Id, Grid, g.Lon, g.Lat, g.Time, properties), default);
        }
        // Ranges: [day d, day d + 2] for d = 0..9.
        for (var d = 0; d < 10; d++)
        {
            var properties = new JsonObject
            {
                ["start_datetime"] = Format(Epoch.AddDays(d)),
                ["end_datetime"] = Format(Epoch.AddDays(d + 2)),
            };
            await catalog.UpsertItemAsync(Item($"range-{d}", Ranges, Box(0, 0, 1, 1), [0, 0, 1, 1], null, properties), default);
        }
        await catalog.UpsertItemAsync(Item("other-1", Other, 0, 0, Epoch), default);
        await catalog.UpsertItemAsync(Item("other-2", Other, 50, 50, Epoch.AddDays(1)), default);
    });

    [Fact]
    public async Task Bbox_returns_every_item_whose_footprint_intersects_it_and_no_other()
    {
        await SeedAsync();
        var found = await AllIdsAsync(new ItemSearch { Collections = [Grid], Area = Shape.FromBbox(0, 0, 20, 20), AreaEnvelopes = Shape.BboxEnvelopes(0, 0, 20, 20) });
        var expected = GridItems.Where(g => Overlaps(g, 0, 0, 20, 20)).Select(g => g.Id);
        Assert.Equal(Sorted(expected), Sorted(found));
        Assert.NotEmpty(found);
    }

    [Fact]
    public async Task Bbox_across_the_antimeridian_finds_items_on_both_sides_and_none_between()
    {
        await SeedAsync();
        var search = ItemSearchParser.FromQuery(new Dictionary<string, string> { ["bbox"] = "165,-10,-165,10", ["collections"] = Grid, ["limit"] = "1000" }, new SearchLimits());
        var found = await AllIdsAsync(search);
        var expected = GridItems.Where(g => Overlaps(g, 165, -10, 180, 10) || Overlaps(g, -180, -10, -165, 10)).Select(g => g.Id).ToList();
        Assert.Equal(Sorted(expected), Sorted(found));
        Assert.Contains(GridItems.First(g => g.Lon == 170 && g.Lat == 0).Id, found);
        Assert.Contains(GridItems.First(g => g.Lon == -170 && g.Lat == 0).Id, found);
        Assert.DoesNotContain(GridItems.First(g => g.Lon == 0 && g.Lat == 0).Id, found);
    }

    [Fact]
    public async Task Intersects_with_a_concave_polygon_excludes_items_inside_its_envelope_but_outside_it()
    {
        await SeedAsync();
        // An L: the union of [-40, 0]x[-20, 40] and [-40, 40]x[-20, 0]. Its notch (0..40, 0..40) is in the envelope.
        var l = Polygon([[-40, -20], [40, -20], [40, 0], [0, 0], [0, 40], [-40, 40], [-40, -20]]);
        var found = await AllIdsAsync(ItemSearchParser.FromJson(new JsonObject { ["collections"] = new JsonArray(Grid), ["intersects"] = l, ["limit"] = 1000 }, new SearchLimits()));
        var expected = GridItems.Where(g => Overlaps(g, -40, -20, 0, 40) || Overlaps(g, -40, -20, 40, 0)).Select(g => g.Id);
        Assert.Equal(Sorted(expected), Sorted(found));
        Assert.DoesNotContain(GridItems.First(g => g.Lon == 20 && g.Lat == 20).Id, found);
    }

    [Theory]
    [InlineData("2024-01-01T05:00:00Z", 0, 5, 5)]
    [InlineData("2024-01-01T05:00:00Z/2024-01-01T09:00:00Z", 0, 5, 9)]
    [InlineData("../2024-01-01T03:00:00Z", 0, long.MinValue, 3)]
    [InlineData("2024-01-11T10:00:00Z/..", 0, 250, long.MaxValue)]
    [InlineData("2024-01-11T10:00:00Z/", 0, 250, long.MaxValue)]
    public async Task Datetime_instants_closed_and_open_intervals_select_by_acquisition_time(string datetime, int _, long fromHour, long toHour)
    {
        await SeedAsync();
        var found = await AllIdsAsync(ItemSearchParser.FromQuery(new Dictionary<string, string> { ["datetime"] = datetime, ["collections"] = Grid, ["limit"] = "500" }, new SearchLimits()));
        var expected = GridItems.Where(g => g.Hour >= fromHour && g.Hour <= toHour).Select(g => g.Id);
        Assert.Equal(Sorted(expected), Sorted(found));
    }

    [Theory]
    [InlineData("2024-01-05T00:00:00Z", new[] { 2, 3, 4 })]
    [InlineData("../2024-01-01T12:00:00Z", new[] { 0 })]
    [InlineData("2024-01-12T00:00:00Z/..", new[] { 9 })]
    [InlineData("2024-01-04T00:00:00Z/2024-01-04T23:00:00Z", new[] { 1, 2, 3 })]
    public async Task Datetime_intervals_match_items_whose_start_end_range_overlaps_them(string datetime, int[] days)
    {
        await SeedAsync();
        var found = await AllIdsAsync(ItemSearchParser.FromQuery(new Dictionary<string, string> { ["datetime"] = datetime, ["collections"] = Ranges }, new SearchLimits()));
        Assert.Equal(Sorted(days.Select(d => $"range-{d}")), Sorted(found));
    }

    [Fact]
    public async Task Ids_and_collections_restrict_the_results()
    {
        await SeedAsync();
        var byCollection = await AllIdsAsync(new ItemSearch { Collections = [Other, Ranges] });
        Assert.Equal(12, byCollection.Count);
        var byIds = await AllIdsAsync(new ItemSearch { Ids = ["other-2", "range-3", "missing"] });
        Assert.Equal(["other-2", "range-3"], Sorted(byIds));
        var both = await AllIdsAsync(new ItemSearch { Ids = ["other-2", "range-3"], Collections = [Other] });
        Assert.Equal(["other-2"], both);
    }

    [Fact]
    public async Task Default_order_is_newest_first_and_prev_links_return_the_previous_page()
    {
        await SeedAsync();
        var search = new ItemSearch { Collections = [Grid], Limit = 7 };
        var first = await Catalog.SearchAsync(search, default);
        Assert.Null(first.Previous);
        var second = await Catalog.SearchAsync(search with { Token = first.Next }, default);
        var third = await Catalog.SearchAsync(search with { Token = second.Next }, default);
        var back = await Catalog.SearchAsync(search with { Token = third.Previous }, default);
        Assert.Equal(Ids(second.Items), Ids(back.Items));
        var backToFirst = await Catalog.SearchAsync(search with { Token = back.Previous }, default);
        Assert.Equal(Ids(first.Items), Ids(backToFirst.Items));
        Assert.Null(backToFirst.Previous);

        var expected = GridItems.OrderByDescending(g => g.Hour).Take(21).Select(g => g.Id);
        Assert.Equal(expected, Ids(first.Items).Concat(Ids(second.Items)).Concat(Ids(third.Items)));
    }

    [Fact]
    public async Task Paging_through_2500_items_visits_each_exactly_once_while_new_items_are_inserted()
    {
        await SeedAsync();
        const int count = 2500;
        var random = new Random(7);
        var original = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"p{i:D5}";
            original.Add(id);
            // Many items share a timestamp, so the tie-break (collection, id) has to hold the order together.
            await Catalog.UpsertItemAsync(Item(id, "paging", random.Next(-170, 170), random.Next(-80, 80), Epoch.AddMinutes(random.Next(0, 400))), default);
        }

        var seen = new List<string>();
        var search = new ItemSearch { Collections = ["paging"], Limit = 100 };
        var pages = 0;
        while (true)
        {
            var page = await Catalog.SearchAsync(search, default);
            seen.AddRange(Ids(page.Items));
            pages++;
            // New items land before, inside and after the part already read.
            for (var k = 0; k < 5; k++)
                await Catalog.UpsertItemAsync(Item($"new-{pages}-{k}", "paging", 0, 0, Epoch.AddMinutes(random.Next(-50, 450))), default);
            if (page.Next is null) break;
            search = search with { Token = page.Next };
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Sorted(original), Sorted(seen.Where(id => id.StartsWith('p'))));
        Assert.True(pages >= 25, $"{pages} pages");
    }

    [Fact]
    public async Task Sorting_by_a_numeric_property_pages_in_order_with_missing_values_last()
    {
        await SeedAsync();
        foreach (var descending in new[] { false, true })
        {
            var search = new ItemSearch { Collections = [Grid], Limit = 25, SortBy = [new SortField("eo:cloud_cover", descending)] };
            var ids = new List<string>();
            for (PageToken? token = null; ;)
            {
                var page = await Catalog.SearchAsync(search with { Token = token }, default);
                ids.AddRange(Ids(page.Items));
                if ((token = page.Next) is null) break;
            }
            var byId = GridItems.ToDictionary(g => g.Id);
            var withCover = GridItems.Where(g => g.CloudCover is not null);
            var expected = (descending
                    ? withCover.OrderByDescending(g => g.CloudCover).ThenBy(g => g.Id, StringComparer.Ordinal)
                    : withCover.OrderBy(g => g.CloudCover).ThenBy(g => g.Id, StringComparer.Ordinal))
                .Concat(GridItems.Where(g => g.CloudCover is null).OrderBy(g => g.Id, StringComparer.Ordinal))
                .Select(g => g.Id);
            Assert.Equal(expected, ids);
        }
    }

    [Theory]
    [InlineData("eo:cloud_cover < 20")]
    [InlineData("platform = 'sentinel-2a' AND eo:cloud_cover BETWEEN 10 AND 30")]
    [InlineData("eo:cloud_cover IS NULL OR eo:cloud_cover >= 95")]
    [InlineData("NOT (platform = 'sentinel-2b')")]
    [InlineData("T_INTERSECTS(datetime, INTERVAL('2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'))")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((-40 -20, 40 -20, 40 0, 0 0, 0 40, -40 40, -40 -20)))")]
    [InlineData("id IN ('g-0000', 'g-0011') OR id LIKE 'g-01%'")]
    public async Task Cql2_filters_select_what_the_filter_says(string filter)
    {
        await SeedAsync();
        var found = await AllIdsAsync(ItemSearchParser.FromQuery(
            new Dictionary<string, string> { ["filter"] = filter, ["collections"] = Grid, ["limit"] = "1000" }, new SearchLimits()));
        var expected = GridItems.Where(Expected(filter)).Select(g => g.Id);
        Assert.Equal(Sorted(expected), Sorted(found));
    }

    [Fact]
    public async Task Collection_extent_follows_its_items_and_shrinks_when_one_is_deleted()
    {
        await SeedAsync();
        await Catalog.UpsertItemAsync(Item("e1", "extent", 10, 20, Epoch), default);
        await Catalog.UpsertItemAsync(Item("e2", "extent", -30, -40, Epoch.AddDays(3), size: 2), default);
        var extent = (await Catalog.GetCollectionAsync("extent", default))!["extent"]!;
        Assert.Equal("[[-30,-40,10.5,20.5]]", extent["spatial"]!["bbox"]!.ToJsonString());
        Assert.Equal($"[[\"{Format(Epoch)}\",\"{Format(Epoch.AddDays(3))}\"]]", extent["temporal"]!["interval"]!.ToJsonString());

        Assert.True(await Catalog.DeleteItemAsync("extent", "e2", default));
        Assert.False(await Catalog.DeleteItemAsync("extent", "e2", default));
        extent = (await Catalog.GetCollectionAsync("extent", default))!["extent"]!;
        Assert.Equal("[[10,20,10.5,20.5]]", extent["spatial"]!["bbox"]!.ToJsonString());
        Assert.Null(await Catalog.GetItemAsync("extent", "e2", default));
    }

    [Fact]
    public async Task A_token_from_another_sort_order_is_refused_with_a_clear_message()
    {
        await SeedAsync();
        var page = await Catalog.SearchAsync(new ItemSearch { Collections = [Grid], Limit = 3, SortBy = [new SortField("eo:cloud_cover", false), new SortField("id", false)] }, default);
        var error = await Assert.ThrowsAsync<CatalogRequestException>(() => Catalog.SearchAsync(new ItemSearch { Collections = [Grid], Token = page.Next }, default));
        Assert.Contains("token", error.Message);
    }

    [Fact]
    public async Task A_batch_is_written_whole_with_the_last_copy_of_a_repeated_item_winning_or_not_at_all()
    {
        await SeedAsync();
        var cloudy = Item("b1", Other, 1, 1, Epoch, new JsonObject { ["eo:cloud_cover"] = 90 });
        var clear = Item("b1", Other, 1, 1, Epoch, new JsonObject { ["eo:cloud_cover"] = 5 });
        await Catalog.UpsertItemsAsync([cloudy, Item("b2", Other, 2, 2, Epoch), clear], default);
        Assert.Equal(5, (await Catalog.GetItemAsync(Other, "b1", default))!["properties"]!["eo:cloud_cover"]!.GetValue<int>());

        var orphan = Item("b3", "no-such-collection", 3, 3, Epoch);
        var error = await Assert.ThrowsAsync<CatalogRequestException>(() => Catalog.UpsertItemsAsync([Item("b4", Other, 4, 4, Epoch), orphan], default));
        Assert.Contains("no-such-collection", error.Message);
        Assert.Null(await Catalog.GetItemAsync(Other, "b4", default));
        foreach (var id in new[] { "b1", "b2" }) Assert.True(await Catalog.DeleteItemAsync(Other, id, default));
    }

    [Fact]
    public async Task An_item_without_a_valid_datetime_is_refused()
    {
        await SeedAsync();
        var item = Item("bad-time", Other, 0, 0, Epoch);
        item["properties"]!["datetime"] = "yesterday";
        var error = await Assert.ThrowsAsync<CatalogRequestException>(() => Catalog.UpsertItemAsync(item, default));
        Assert.Contains("datetime", error.Message);
    }

    private static Func<GridItem, bool> Expected(string filter) => filter switch
    {
        "eo:cloud_cover < 20" => g => g.CloudCover < 20,
        "platform = 'sentinel-2a' AND eo:cloud_cover BETWEEN 10 AND 30" => g => g.Platform == "sentinel-2a" && g.CloudCover is >= 10 and <= 30,
        "eo:cloud_cover IS NULL OR eo:cloud_cover >= 95" => g => g.CloudCover is null or >= 95,
        "NOT (platform = 'sentinel-2b')" => g => g.Platform != "sentinel-2b",
        "T_INTERSECTS(datetime, INTERVAL('2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'))" => g => g.Hour is >= 24 and <= 48,
        "S_INTERSECTS(geometry, POLYGON((-40 -20, 40 -20, 40 0, 0 0, 0 40, -40 40, -40 -20)))" => g => Overlaps(g, -40, -20, 0, 40) || Overlaps(g, -40, -20, 40, 0),
        "id IN ('g-0000', 'g-0011') OR id LIKE 'g-01%'" => g => g.Id is "g-0000" or "g-0011" || g.Id.StartsWith("g-01", StringComparison.Ordinal),
        _ => throw new ArgumentException(filter),
    };

    private async Task<List<string>> AllIdsAsync(ItemSearch search)
    {
        var ids = new List<string>();
        for (var page = await Catalog.SearchAsync(search, default); ; page = await Catalog.SearchAsync(search with { Token = page.Next }, default))
        {
            ids.AddRange(Ids(page.Items));
            if (page.Next is null) break;
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        return ids;
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonObject> items) => items.Select(i => i["id"]!.GetValue<string>());

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    // Closed boxes: touching edges intersect, as in the specification's geometry model.
    private static bool Overlaps(GridItem g, double w, double s, double e, double n) =>
        g.Lon <= e && g.Lon + 0.5 >= w && g.Lat <= n && g.Lat + 0.5 >= s;

    private static List<GridItem> BuildGrid()
    {
        var items = new List<GridItem>();
        for (var lon = -180; lon < 180; lon += 10)
        for (var lat = -60; lat <= 60; lat += 20)
        {
            var n = items.Count;
            items.Add(new GridItem($"g-{n:D4}", lon, lat, n, n % 7 == 3 ? null : n * 37 % 101, n % 2 == 0 ? "sentinel-2a" : "sentinel-2b"));
        }
        return items;
    }

    private sealed record GridItem(string Id, double Lon, double Lat, long Hour, int? CloudCover, string Platform)
    {
        public DateTimeOffset Time => Epoch.AddHours(Hour);
    }
}

public sealed class SqliteStacSearchTests(SqliteCatalogStore store) : StacSearchSuite(store), IClassFixture<SqliteCatalogStore>;

public sealed class PostgresStacSearchTests(PostgresCatalogStore store) : StacSearchSuite(store), IClassFixture<PostgresCatalogStore>;
