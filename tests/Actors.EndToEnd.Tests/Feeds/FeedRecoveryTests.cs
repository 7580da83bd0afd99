using System.Text.RegularExpressions;
using Actors.Abstractions;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;
using Actors.Grains.Tests.Feeds;
using Xunit.Abstractions;

namespace Actors.EndToEnd.Tests.Feeds;

/// <summary>
/// The acceptance scenario against a stand-in source: 300 items, a filtered subscription on a real silo process that is
/// killed (SIGKILL) and restarted while new items appear and the source is down. Every matching item is accepted as a
/// new scene exactly once, none is delivered twice, and no non-matching item ever reaches a scene grain.
/// </summary>
public sealed partial class FeedRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _root = new("feeds");
    private StubStacSource _source = null!;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _source = await StubStacSource.StartAsync();
        _silo = new SiloProcess(Path.Combine(_root.Path, "data"), new Dictionary<string, string>
        {
            ["Silo__ResumePeriod"] = "00:00:02",
            ["Feeds__PageSize"] = "10",
            ["Feeds__MaxBackoff"] = "00:00:03",
            // The stub source listens on loopback, which the href policy refuses unless opened.
            ["Hrefs__AllowedPrivateNetworks__0"] = "127.0.0.1/32",
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _source.DisposeAsync();
        _root.Dispose();
    }

    [GeneratedRegex(@"Accepted acquisition of (\S+) \(\w+, repeat: (True|False)\)")]
    private static partial Regex Accepted();

    [Fact]
    public async Task Every_matching_item_of_300_is_accepted_once_across_a_silo_kill_and_a_source_outage_and_no_other_ever()
    {
        // Cloud cover i % 100: items 0-19, 100-119 and 200-219 match "eo:cloud_cover < 20".
        var items = Enumerable.Range(0, 300).Select(i => _source.Item($"scene-{i:D3}", T0.AddMinutes(i), i % 100)).ToArray();
        var matching = Enumerable.Range(0, 300).Where(i => i % 100 < 20).Select(i => $"scene-{i:D3}").ToHashSet();
        _source.Add(items[..150]);
        await _silo.Client.CreateSubscriptionAsync(new SubscriptionRequest
        {
            Id = "acceptance",
            Source = _source.Url,
            Filter = "eo:cloud_cover < 20",
            Products = [ProductNames.Ndvi],
            Period = "1s",
        });
        await Eventually.TrueAsync("the first 40 matching items", TimeSpan.FromMinutes(2), async ct =>
            (await _silo.Client.GetSubscriptionAsync("acceptance", ct)) is { ItemsPublished: 40, LastSuccessAt: not null });

        _silo.Kill();
        _source.Add(items[150..]);
        _source.Down = true;
        await _silo.StartAsync();
        // Nothing calls the subscription: its reminder wakes it after the restart, and it finds the source down.
        var down = await Eventually.GetAsync("failed polls after the restart", TimeSpan.FromMinutes(1), async ct =>
            await _silo.Client.GetSubscriptionAsync("acceptance", ct) is { ConsecutiveFailures: >= 2 } s ? s : null);
        Assert.Contains("503", down.LastError);

        _source.Down = false;
        Abstractions.Feeds.FeedSubscriptionStatus? last = null;
        try
        {
            await Eventually.TrueAsync("every matching item", TimeSpan.FromMinutes(2), async ct =>
                (last = await _silo.Client.GetSubscriptionAsync("acceptance", ct)) is { ItemsPublished: 60, ConsecutiveFailures: 0 }
                && AcceptedScenes().Select(a => a.Scene).ToHashSet().SetEquals(matching));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nstatus: {last}\naccepted: {AcceptedScenes().Count}\n{_silo.Tail(30)}", e);
        }
        // Five more polls that must publish nothing; one poll more on top, a period later, so the silo's log lines of
        // those five have reached us through its stdout before they are counted.
        var requests = _source.Requests.Count;
        await Eventually.TrueAsync("six more polls", TimeSpan.FromMinutes(1), _ => Task.FromResult(_source.Requests.Count >= requests + 6));

        var accepted = AcceptedScenes();
        output.WriteLine($"{accepted.Count} acceptances, {accepted.Count(a => a.Repeat)} repeats, {_source.Requests.Count} searches");
        Assert.DoesNotContain(accepted, a => !matching.Contains(a.Scene));
        foreach (var id in matching)
        {
            Assert.True(accepted.Count(a => a.Scene == id && !a.Repeat) == 1, $"{id} accepted as new {accepted.Count(a => a.Scene == id && !a.Repeat)} times\n{_silo.Tail()}");
            Assert.DoesNotContain(accepted, a => a.Scene == id && a.Repeat);
        }
        var status = await _silo.Client.GetSubscriptionAsync("acceptance");
        Assert.Equal((60L, 0L), (status.ItemsPublished, status.ItemsRejected));
        Assert.Equal(T0.AddMinutes(219), status.Cursor);
    }

    private List<(string Scene, bool Repeat)> AcceptedScenes() =>
        [.. _silo.OutputLines.Select(l => Accepted().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value == "True"))];
}
