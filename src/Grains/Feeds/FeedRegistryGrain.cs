using Actors.Abstractions.Feeds;
using Actors.Grains.Persistence;
using Orleans.Runtime;

namespace Actors.Grains.Feeds;

/// <summary>The ids of every feed subscription (one instance, key 0), so the API can list them.</summary>
public sealed class FeedRegistryGrain(
    [PersistentState("feeds", GrainStorageNames.State)] IPersistentState<FeedRegistryState> state) : Grain, IFeedRegistryGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string id)
    {
        if (state.State.Ids.Contains(id, StringComparer.Ordinal)) return;
        state.State.Ids = [.. state.State.Ids.Append(id).Order(StringComparer.Ordinal)];
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string id)
    {
        if (!state.State.Ids.Contains(id, StringComparer.Ordinal)) return;
        state.State.Ids = [.. state.State.Ids.Where(i => i != id)];
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids]);
}

/// <summary>Durable state of the feed registry.</summary>
public sealed class FeedRegistryState
{
    /// <summary>Every subscription id, in ordinal order.</summary>
    public List<string> Ids { get; set; } = [];
}
