using System.Text.Json;
using Actors.Client;

namespace Actors.Cli.Output;

/// <summary>Indented JSON in the silo's conventions, for <c>--json</c> output.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new(SiloJson.Options) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as indented camelCase JSON.</summary>
    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Indented));
}
