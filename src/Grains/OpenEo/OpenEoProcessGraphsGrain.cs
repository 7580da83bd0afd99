using Actors.Abstractions.OpenEo;
using Actors.Grains.Persistence;

namespace Actors.Grains.OpenEo;

/// <summary>The user-defined processes of one owner, as JSON text by process id.</summary>
public sealed class OpenEoProcessGraphsGrain(
    [PersistentState("openeo-process-graphs", GrainStorageNames.State)] IPersistentState<OpenEoProcessGraphsState> state) : Grain, IOpenEoProcessGraphsGrain
{
    // A grain without a stored record may hold no usable default state.
    private OpenEoProcessGraphsState Current => state.RecordExists ? state.State : new();

    /// <inheritdoc />
    public async Task PutAsync(string id, string process)
    {
        var processes = new Dictionary<string, string>(Current.Processes, StringComparer.Ordinal) { [id] = process };
        state.State = new OpenEoProcessGraphsState(processes);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string id) => Task.FromResult(Current.Processes.GetValueOrDefault(id));

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id)
    {
        if (!Current.Processes.ContainsKey(id)) return false;
        state.State = new OpenEoProcessGraphsState(Current.Processes.Where(p => p.Key != id).ToDictionary(StringComparer.Ordinal));
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> ListAsync() => Task.FromResult(Current.Processes);
}

/// <summary>Durable state of <see cref="OpenEoProcessGraphsGrain"/>.</summary>
/// <param name="Processes">Process JSON by id.</param>
public sealed record OpenEoProcessGraphsState(IReadOnlyDictionary<string, string> Processes)
{
    /// <summary>No processes (what a new grain starts with).</summary>
    public OpenEoProcessGraphsState()
        : this(new Dictionary<string, string>())
    {
    }
}
