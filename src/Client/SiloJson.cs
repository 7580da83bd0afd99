using System.Text.Json;

namespace Actors.Client;

/// <summary>The JSON conventions of the silo API: <see cref="JsonSerializerDefaults.Web"/> (camelCase, case-insensitive reads).</summary>
public static class SiloJson
{
    /// <summary>Serializer options matching the silo's.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
