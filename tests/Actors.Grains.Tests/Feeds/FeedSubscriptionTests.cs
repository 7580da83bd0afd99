using Actors.Abstractions;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Scenes;
using Actors.Grains.Tests.Harness;

namespace Actors.Grains.Tests.Feeds;

/// <summary>
/// Feed subscriptions on an in-process Orleans cluster (real grains, SQLite state and reminders, memory streams) polling
/// a stub STAC API on a loopback port. What they publish is observed on the acquisitions streams and at the scene grains.
/// </summary>
public sealed class FeedSubscriptionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eo-feeds-" + Guid.NewGuid().ToString("N"));
    private StubStacSource _source = null!;

    public async Task InitializeAsync() => _source = await StubStacSource.StartAsync();

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task<GrainCluster> StartClusterAsync(string? dataDirectory = null, short silos = 1, string? serviceId = null) =>
        GrainCluster.StartAsync(dataDirectory ?? Path.Combine(_root, "data-" + Guid.NewGuid().ToString("N")[..8]), silos,
            new Dictionary<string, string>
            {
                ["Feeds:Overlap"] = "01:00:00",
                // The stub source listens on loopback, which the href policy refuses unless opened.
                ["Hrefs:AllowedPrivateNetworks:0"] = "127.0.0.1/32",
                ["Feeds:MaxBackoff"] = "00:00:04",
                ["Feeds:PageSize"] = "2",
                ["Feeds:RequestTimeout"] = "00:00:05",
            },
            b =>
            {
                b.AddSiloBuilderConfigurator<SceneAcceptances.Configurator>();
                if (serviceId is not null) b.Options.ServiceId = serviceId;
            });

    private FeedSubscription Definition(string? filter = "eo:cloud_cover < 20", double periodSeconds = 1) => new()
    {
        SourceUrl = _source.Url,
        Collections = ["sentinel-2-l2a"],
        Bbox = [12, 52, 15, 55],
        Start = T0.AddDays(-1),
        Filter = filter,
        Products = [ProductNames.Ndvi],
        Period = TimeSpan.FromSeconds(periodSeconds),
    };

    [Fact]
    public async Task Each_matching_item_is_published_once_across_polls_as_new_and_late_items_appear_and_non_matching_ones_never()
    {
        // Five clear items and two cloudy ones; pages of two.
        string[] clear = ["s2-a", "s2-b", "s2-c", "s2-d", "s2-e"];
        string[] cloudy = ["s2-cloudy-1", "s2-cloudy-2"];
        for (var i = 0; i < clear.Length; i++) _source.Add(_source.Item(clear[i], T0.AddMinutes(10 * i), 5));
        _source.Add(_source.Item(cloudy[0], T0.AddMinutes(5), 80), _source.Item(cloudy[1], T0.AddMinutes(25), 20));
        // Appear later: two newer items, one late-indexed item older than the cursor (inside the overlap), one cloudy.
        string[] later = ["s2-f", "s2-g", "s2-late"];
        const string laterCloudy = "s2-cloudy-3";

        await using var cluster = await StartClusterAsync(silos: 2);
        var feed = cluster.Client.GetGrain<IFeedSubscriptionGrain>("clear-sky");
        var created = await feed.CreateAsync(Definition(), TestCallers.Tester);
        Assert.Equal(FeedStates.Active, created.State);

        var first = await WaitStatusAsync(feed, s => s.ItemsPublished == 5 && s.LastSuccessAt is not null, "the first five items");
        Assert.Equal(T0.AddMinutes(40), first.Cursor);

        _source.Add(_source.Item("s2-f", T0.AddMinutes(50), 1), _source.Item("s2-g", T0.AddMinutes(60), 19),
            _source.Item("s2-late", T0.AddMinutes(15), 3), _source.Item(laterCloudy, T0.AddMinutes(55), 60));
        var second = await WaitStatusAsync(feed, s => s.ItemsPublished == 8, "the three new items");
        // A few more polls re-read the overlap: nothing is published again.
        var polls = _source.Requests.Count;
        await WaitStatusAsync(feed, _ => _source.Requests.Count >= polls + 6, "three more polls");
        await SceneAcceptances.WaitForAsync([.. clear, .. later]);
        await MorePollsAsync(feed, 2);

        foreach (var id in clear.Concat(later)) Assert.True(SceneAcceptances.CountOf(id) == 1, $"{id}: {SceneAcceptances.CountOf(id)} acquisitions");
        foreach (var id in cloudy.Append(laterCloudy)) Assert.Equal(0, SceneAcceptances.CountOf(id));
        var final = await feed.GetStatusAsync(TestCallers.Tester);
        Assert.Equal(8, final!.ItemsPublished);
        Assert.Equal(0, final.ConsecutiveFailures);
        Assert.Equal(T0.AddMinutes(60), final.Cursor);
        Assert.True(final.ItemsSeen > final.ItemsPublished, "the overlap is read again on every poll");
        Assert.True(second.LastPollAt < final.LastPollAt);
        Assert.NotNull(final.NextPollAt);

        // The scene grains accepted exactly the matching items.
        foreach (var id in clear.Concat(later)) Assert.NotNull(await cluster.Client.GetGrain<ISceneGrain>(id).GetStatusAsync());
        foreach (var id in cloudy.Append(laterCloudy)) Assert.Null(await cluster.Client.GetGrain<ISceneGrain>(id).GetStatusAsync());

        // The search the source saw: the subscription's search, from the cursor minus the overlap once there is one.
        var lastBody = _source.Requests[^1].Body;
        Assert.Equal("eo:cloud_cover < 20", (string?)lastBody["filter"]);
        Assert.Equal("cql2-text", (string?)lastBody["filter-lang"]);
        Assert.Equal("sentinel-2-l2a", (string?)lastBody["collections"]![0]);
        Assert.StartsWith(FeedSubscriptionRules.Format(T0.AddMinutes(60).AddHours(-1)) + "/..", (string?)lastBody["datetime"]);
        Assert.StartsWith(FeedSubscriptionRules.Format(T0.AddDays(-1)) + "/..", (string?)_source.Requests[0].Body["datetime"]);
    }

    [Fact]
    public async Task A_source_that_is_down_counts_failures_and_backs_off_and_recovery_publishes_the_rest_once()
    {
        string[] ids = ["d-1", "d-2", "d-3", "d-4", "d-5", "d-6"];
        for (var i = 0; i < ids.Length; i++) _source.Add(_source.Item(ids[i], T0.AddMinutes(i), 10));
        _source.FailFromPage = 2;

        await using var cluster = await StartClusterAsync();
        var feed = cluster.Client.GetGrain<IFeedSubscriptionGrain>("flaky");
        await feed.CreateAsync(Definition(), TestCallers.Tester);

        // The first page goes through, the second fails: the first two items are published and remembered.
        var broken = await WaitStatusAsync(feed, s => s.ConsecutiveFailures >= 1, "a failed poll");
        Assert.Equal(2, broken.ItemsPublished);
        Assert.Contains("503", broken.LastError);
        Assert.Null(broken.LastSuccessAt);

        // Then wholly down: failures in a row, each wait twice the one before, up to the cap (4 s).
        _source.Down = true;
        var backingOff = await WaitStatusAsync(feed, s => s.ConsecutiveFailures >= 3, "three failures in a row", TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(4), backingOff.NextPollAt - backingOff.LastErrorAt);
        var failedRequests = _source.Requests.Count(r => r.Status == 503);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(_source.Requests.Count(r => r.Status == 503) <= failedRequests + 1, "backing off, the feed polls at most once in 3 s");

        _source.Down = false;
        _source.FailFromPage = null;
        var recovered = await WaitStatusAsync(feed, s => s.ItemsPublished == 6 && s.ConsecutiveFailures == 0, "recovery", TimeSpan.FromSeconds(30));
        Assert.NotNull(recovered.LastSuccessAt);
        Assert.Contains("503", recovered.LastError);
        Assert.True(recovered.LastSuccessAt > recovered.LastErrorAt);
        await SceneAcceptances.WaitForAsync(ids);
        await MorePollsAsync(feed, 2);
        foreach (var id in ids) Assert.True(SceneAcceptances.CountOf(id) == 1, $"{id}: {SceneAcceptances.CountOf(id)} acquisitions");
    }

    [Fact]
    public async Task Pause_stops_polling_resume_continues_from_the_cursor_and_delete_stops_and_forgets()
    {
        _source.Add(_source.Item("p-1", T0, 1), _source.Item("p-2", T0.AddMinutes(1), 1));
        await using var cluster = await StartClusterAsync();
        var feed = cluster.Client.GetGrain<IFeedSubscriptionGrain>("pausable");
        await feed.CreateAsync(Definition(), TestCallers.Tester);
        await WaitStatusAsync(feed, s => s.ItemsPublished == 2, "the first items");
        Assert.Contains("pausable", await cluster.Client.GetGrain<IFeedRegistryGrain>(0).ListAsync());

        var paused = await feed.PauseAsync(TestCallers.Tester);
        Assert.Equal((FeedStates.Paused, (DateTimeOffset?)null), (paused!.State, paused.NextPollAt));
        var requests = _source.Requests.Count;
        _source.Add(_source.Item("p-3", T0.AddMinutes(2), 1));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(requests, _source.Requests.Count);
        Assert.Equal(0, SceneAcceptances.CountOf("p-3"));
        Assert.Equal(FeedStates.Paused, (await feed.GetStatusAsync(TestCallers.Tester))!.State);

        var resumed = await feed.ResumeAsync(TestCallers.Tester);
        Assert.Equal(FeedStates.Active, resumed!.State);
        await WaitStatusAsync(feed, s => s.ItemsPublished == 3, "the item added while paused");
        await SceneAcceptances.WaitForAsync(["p-3"]);
        Assert.Equal(1, SceneAcceptances.CountOf("p-3"));

        Assert.True(await feed.DeleteAsync(TestCallers.Tester));
        Assert.Null(await feed.GetStatusAsync(TestCallers.Tester));
        Assert.DoesNotContain("pausable", await cluster.Client.GetGrain<IFeedRegistryGrain>(0).ListAsync());
        requests = _source.Requests.Count;
        _source.Add(_source.Item("p-4", T0.AddMinutes(3), 1));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(requests, _source.Requests.Count);
        Assert.Equal(0, SceneAcceptances.CountOf("p-4"));
        Assert.False(await feed.DeleteAsync(TestCallers.Tester));
        Assert.Null(await feed.PauseAsync(TestCallers.Tester));

        // Forgotten: the id can be defined anew, and starts from scratch (its old items go out again).
        var again = await feed.CreateAsync(Definition(filter: null), TestCallers.Tester);
        Assert.Equal(0, again.ItemsPublished);
        await WaitStatusAsync(feed, s => s.ItemsPublished == 4, "every item for the new definition");
    }

    [Fact]
    public async Task Create_validates_is_idempotent_for_the_same_definition_and_refuses_another_one()
    {
        await using var cluster = await StartClusterAsync();
        var grains = cluster.Client;
        var valid = Definition(periodSeconds: 3600);

        await Assert.ThrowsAsync<FeedSubscriptionRejectedException>(() => grains.GetGrain<IFeedSubscriptionGrain>("Bad Id!").CreateAsync(valid, TestCallers.Tester));
        var feed = grains.GetGrain<IFeedSubscriptionGrain>("checked");
        foreach (var (bad, mention) in new (FeedSubscription, string)[]
        {
            (valid with { SourceUrl = "ftp://example.com/stac" }, "source"),
            (valid with { SourceUrl = "not a url" }, "source"),
            // The href policy: the cloud metadata endpoint and loopback ports other than the stub's allowance.
            (valid with { SourceUrl = "http://169.254.169.254/latest" }, "link-local address 169.254.169.254"),
            (valid with { SourceUrl = "http://[::1]:8080/stac" }, "loopback address ::1"),
            (valid with { SourceUrl = "http://10.0.0.1/stac" }, "private address 10.0.0.1"),
            (valid with { Products = [] }, "products"),
            (valid with { Products = ["snow-cover"] }, "snow-cover"),
            (valid with { Bbox = [15, 52, 12, 55] }, "bbox"),
            (valid with { Aoi = [1, 2, 3] }, "aoi"),
            (valid with { Period = TimeSpan.Zero }, "period"),
            (valid with { Start = T0, End = T0.AddDays(-1) }, "end"),
        })
        {
            var error = await Assert.ThrowsAsync<FeedSubscriptionRejectedException>(() => feed.CreateAsync(bad, TestCallers.Tester));
            Assert.Contains(mention, error.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Null(await feed.GetStatusAsync(TestCallers.Tester));

        var first = await feed.CreateAsync(valid, TestCallers.Tester);
        var repeat = await feed.CreateAsync(valid with { SourceUrl = valid.SourceUrl + "/" }, TestCallers.Tester);
        Assert.Equal(first.CreatedAt, repeat.CreatedAt);
        var conflict = await Assert.ThrowsAsync<FeedSubscriptionConflictException>(() => feed.CreateAsync(valid with { Filter = "eo:cloud_cover < 50" }, TestCallers.Tester));
        Assert.Contains("checked", conflict.Message);
        Assert.Equal(["checked"], await grains.GetGrain<IFeedRegistryGrain>(0).ListAsync());
    }

    [Fact]
    public async Task A_restarted_silo_resumes_the_subscription_by_its_reminder_and_publishes_only_new_items()
    {
        var data = Path.Combine(_root, "restart");
        var serviceId = "feeds-restart-" + Guid.NewGuid().ToString("N")[..8];
        _source.Add(_source.Item("r-1", T0, 1), _source.Item("r-2", T0.AddMinutes(1), 1), _source.Item("r-3", T0.AddMinutes(2), 1));
        await using (var cluster = await StartClusterAsync(data, serviceId: serviceId))
        {
            var feed = cluster.Client.GetGrain<IFeedSubscriptionGrain>("restarting");
            await feed.CreateAsync(Definition(), TestCallers.Tester);
            await WaitStatusAsync(feed, s => s.ItemsPublished == 3 && s.LastSuccessAt is not null, "the first items");
            await SceneAcceptances.WaitForAsync(["r-1", "r-2", "r-3"]);
            await MorePollsAsync(feed, 2);
            Assert.All(["r-1", "r-2", "r-3"], id => Assert.Equal(1, SceneAcceptances.CountOf(id)));
        }

        _source.Add(_source.Item("r-4", T0.AddMinutes(3), 1), _source.Item("r-5", T0.AddMinutes(4), 1));
        await using (var cluster = await StartClusterAsync(data, serviceId: serviceId))
        {
            // Nothing calls the feed grain: only its reminder, read back from the SQLite file, can wake it.
            await SceneAcceptances.WaitForAsync(["r-4", "r-5"], TimeSpan.FromSeconds(60));
            await MorePollsAsync(cluster.Client.GetGrain<IFeedSubscriptionGrain>("restarting"), 2);
            Assert.All(["r-1", "r-2", "r-3", "r-4", "r-5"], id => Assert.Equal(1, SceneAcceptances.CountOf(id)));
            var status = await cluster.Client.GetGrain<IFeedSubscriptionGrain>("restarting").GetStatusAsync(TestCallers.Tester);
            Assert.Equal(5, status!.ItemsPublished);
        }
    }

    [Theory]
    [InlineData(StubStacSource.PagingStyle.PostWholeBody)]
    [InlineData(StubStacSource.PagingStyle.Get)]
    public async Task Next_links_are_followed_whether_they_post_the_whole_body_or_are_plain_get_links(StubStacSource.PagingStyle paging)
    {
        _source.Paging = paging;
        var ids = Enumerable.Range(0, 7).Select(i => $"paged-{paging}-{i}".ToLowerInvariant()).ToArray();
        for (var i = 0; i < ids.Length; i++) _source.Add(_source.Item(ids[i], T0.AddMinutes(i), i == 3 ? 50 : 1));

        await using var cluster = await StartClusterAsync();
        var feed = cluster.Client.GetGrain<IFeedSubscriptionGrain>("paged");
        await feed.CreateAsync(Definition(), TestCallers.Tester);
        var status = await WaitStatusAsync(feed, s => s.ItemsPublished == 6 && s.LastSuccessAt is not null, "every matching item over three pages");
        Assert.Equal(0, status.ConsecutiveFailures);
        var matching = ids.Where((_, i) => i != 3).ToArray();
        await SceneAcceptances.WaitForAsync(matching);
        Assert.All(matching, id => Assert.Equal(1, SceneAcceptances.CountOf(id)));
        Assert.Equal(0, SceneAcceptances.CountOf(ids[3]));
    }

    // Polls run one after another, so once the source has seen more requests every earlier poll has published all it
    // would: a duplicate would be counted by now. A condition to wait on rather than a guessed pause.
    private Task MorePollsAsync(IFeedSubscriptionGrain feed, int polls)
    {
        var seen = _source.Requests.Count;
        return WaitStatusAsync(feed, _ => _source.Requests.Count >= seen + polls, $"{polls} more polls");
    }

    private static async Task<FeedSubscriptionStatus> WaitStatusAsync(
        IFeedSubscriptionGrain feed, Func<FeedSubscriptionStatus, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        FeedSubscriptionStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await feed.GetStatusAsync(TestCallers.Tester);
            if (status is not null && condition(status)) return status;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what}; last status: {status}");
    }
}
