using System.Collections.Concurrent;
using Actors.Abstractions.Acquisitions;
using Actors.Abstractions.Streams;
using Orleans.Runtime;
using Orleans.Streams;

namespace Actors.Grains.Tests.Feeds;

/// <summary>
/// Counts the acquisition events that reach the <c>acquisitions</c> stream of given scenes, as an outside subscriber
/// (the cluster client) sees them: what a feed published, observed from outside the feed grain.
/// </summary>
public sealed class AcquisitionRecorder : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<StreamSubscriptionHandle<Acquisition>> _handles = [];

    /// <summary>Subscribes to the streams of <paramref name="sceneIds"/>.</summary>
    public static async Task<AcquisitionRecorder> SubscribeAsync(IClusterClient client, IEnumerable<string> sceneIds)
    {
        var recorder = new AcquisitionRecorder();
        var provider = client.GetStreamProvider(StreamNames.Provider);
        foreach (var id in sceneIds)
        {
            recorder._handles.Add(await provider.GetStream<Acquisition>(StreamId.Create(StreamNames.Acquisitions, id))
                .SubscribeAsync((a, _) =>
                {
                    recorder._counts.AddOrUpdate(a.SceneId, 1, (_, n) => n + 1);
                    return Task.CompletedTask;
                }));
        }
        return recorder;
    }

    /// <summary>Events seen for <paramref name="sceneId"/>.</summary>
    public int CountOf(string sceneId) => _counts.GetValueOrDefault(sceneId);

    /// <summary>Every scene with at least one event, with its count.</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts);

    /// <summary>Waits until every one of <paramref name="sceneIds"/> has had an event (stream delivery is asynchronous).</summary>
    public async Task WaitForAsync(IEnumerable<string> sceneIds, TimeSpan? timeout = null)
    {
        var ids = sceneIds.ToArray();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (ids.Any(id => CountOf(id) == 0))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No acquisition reached {string.Join(", ", ids.Where(id => CountOf(id) == 0))}.");
            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _handles) await handle.UnsubscribeAsync();
    }
}
