using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Actors.Grains.Persistence;

/// <summary>
/// Grain state as UTF-8 JSON (System.Text.Json, web defaults, enums by name), so a row in SQLite or
/// PostgreSQL can be read with the database's own tools rather than only through Orleans' binary format.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    // Enums by name: readable, and a reordered enum does not silently change stored meaning.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
