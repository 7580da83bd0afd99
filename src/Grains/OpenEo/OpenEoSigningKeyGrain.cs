using System.Security.Cryptography;
using Actors.Abstractions.OpenEo;
using Actors.Grains.Persistence;

namespace Actors.Grains.OpenEo;

/// <summary>The cluster's key for signed result links: created once, kept in grain storage, the same for every silo.</summary>
public sealed class OpenEoSigningKeyGrain(
    [PersistentState("openeo-signing-key", GrainStorageNames.State)] IPersistentState<OpenEoSigningKeyState> state) : Grain, IOpenEoSigningKeyGrain
{
    /// <inheritdoc />
    public async Task<byte[]> GetKeyAsync()
    {
        if (state.RecordExists && state.State.Key is { Length: > 0 } key) return key;
        state.State = new OpenEoSigningKeyState(RandomNumberGenerator.GetBytes(32));
        await state.WriteStateAsync();
        return state.State.Key;
    }
}

/// <summary>Durable state of <see cref="OpenEoSigningKeyGrain"/>.</summary>
/// <param name="Key">The HMAC-SHA256 key.</param>
public sealed record OpenEoSigningKeyState(byte[] Key)
{
    /// <summary>No key yet.</summary>
    public OpenEoSigningKeyState()
        : this([])
    {
    }
}
