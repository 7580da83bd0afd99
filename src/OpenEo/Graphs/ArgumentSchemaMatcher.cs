using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Abstractions;

namespace Actors.OpenEo.Graphs;

/// <summary>Why a value does not fit a schema.</summary>
/// <param name="Reason">The reason, for a message.</param>
/// <param name="WrongType">Whether the value is of another kind altogether (then an alternative that fails deeper explains better).</param>
internal sealed record Mismatch(string Reason, bool WrongType);

/// <summary>
/// Checks an argument value against a parameter's JSON schema, as far as the value is known before anything runs:
/// literals fully (type, enum, bounds, pattern, date formats, items, properties, the temporal-interval and
/// bounding-box subtypes); a node's result by its process's <c>returns</c> schema and a parameter's value by the
/// parameter's schema, both flagging only what can never fit. Child processes met on the way are collected with the
/// schema that describes them.
/// </summary>
/// <param name="returnsOfNode">The <c>returns</c> schema of a node's process in the current graph, or null when unknown.</param>
/// <param name="processOfNode">The process id of a node in the current graph, for messages.</param>
/// <param name="schemaOfParameter">The schema of a parameter in scope, or null when unknown or any.</param>
internal sealed class ArgumentSchemaMatcher(Func<string, JsonNode?> returnsOfNode, Func<string, string?> processOfNode, Func<string, JsonNode?> schemaOfParameter)
{
    // Deeper than any schema of a process definition; JSON parsing caps depth at 64 anyway, this guards built trees.
    private const int MaxDepth = 64;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Null when <paramref name="value"/> can fit <paramref name="schema"/>, otherwise why not.</summary>
    /// <param name="value">The argument value.</param>
    /// <param name="schema">The parameter's schema (object, array of alternatives, or absent for "any").</param>
    /// <param name="path">The argument name, for the callbacks found.</param>
    /// <param name="callbacks">Receives the child processes of a fitting value.</param>
    public Mismatch? Match(JsonNode? value, JsonNode? schema, string path, List<CallbackSite> callbacks) =>
        Match(value, schema, path, callbacks, 0);

    /// <summary>All child processes in <paramref name="value"/>, with unknown schemas (their parameters cannot be checked).</summary>
    public static void CollectCallbacks(JsonNode? value, string path, List<CallbackSite> callbacks, int depth = 0)
    {
        if (depth > MaxDepth) return;
        switch (ArgumentValue.KindOf(value))
        {
            case ArgumentKind.Callback:
                callbacks.Add(new CallbackSite(value!.AsObject(), null, path));
                return;
            case ArgumentKind.NodeReference or ArgumentKind.ParameterReference:
                return;
        }

        if (value is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++) CollectCallbacks(array[i], $"{path}[{i}]", callbacks, depth + 1);
        }
        else if (value is JsonObject o)
        {
            foreach (var (key, item) in o) CollectCallbacks(item, $"{path}.{key}", callbacks, depth + 1);
        }
    }

    private Mismatch? Match(JsonNode? value, JsonNode? schema, string path, List<CallbackSite> callbacks, int depth)
    {
        if (depth > MaxDepth) return new Mismatch("the value is nested too deeply", false);
        switch (ArgumentValue.KindOf(value))
        {
            case ArgumentKind.ParameterReference:
                return MatchParameter(value!.AsObject(), schema);
            case ArgumentKind.NodeReference:
                return MatchResult(value!.AsObject(), schema);
            case ArgumentKind.Callback:
                return MatchCallback(value!.AsObject(), schema, path, callbacks);
            default:
                return MatchLiteral(value, schema, path, callbacks, depth);
        }
    }

    private Mismatch? MatchResult(JsonObject reference, JsonNode? schema)
    {
        // A reference to a missing node is a structural problem, reported once elsewhere.
        if (reference[ArgumentValue.FromNode] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String) return null;
        var id = idValue.GetValue<string>();
        var returns = returnsOfNode(id);
        if (ReturnCompatibility.CanFit(returns, schema)) return null;
        var process = processOfNode(id);
        return new Mismatch(
            $"node '{EchoedText.Of(id)}' (process '{EchoedText.Of(process)}') returns {SchemaTerms.Describe(returns)}, where {SchemaTerms.Describe(schema)} is expected",
            true);
    }

    private Mismatch? MatchParameter(JsonObject reference, JsonNode? schema)
    {
        // Its value is only known when the graph runs; its declared schema tells what it can be.
        if (reference[ArgumentValue.FromParameter] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String) return null;
        var name = nameValue.GetValue<string>();
        var declared = schemaOfParameter(name);
        if (ReturnCompatibility.CanFit(declared, schema)) return null;
        return new Mismatch($"parameter '{EchoedText.Of(name)}' is {SchemaTerms.Describe(declared)}, where {SchemaTerms.Describe(schema)} is expected", true);
    }

    private static Mismatch? MatchCallback(JsonObject callback, JsonNode? schema, string path, List<CallbackSite> callbacks)
    {
        if (!TakesCallback(schema, 0, out var callbackSchema)) return new Mismatch($"expected {SchemaTerms.Describe(schema)}, got a process", true);
        callbacks.Add(new CallbackSite(callback, callbackSchema, path));
        return null;
    }

    // Whether a schema takes a child process, and the schema it is checked against: the first process-graph
    // alternative, or none (null) when the schema takes any value.
    private static bool TakesCallback(JsonNode? schema, int depth, out JsonObject? callbackSchema)
    {
        callbackSchema = null;
        if (depth > MaxDepth) return false;
        if (schema is not JsonObject and not JsonArray) return true;
        if (schema is JsonObject o)
        {
            var subtype = SchemaTerms.Text(o, "subtype");
            if (subtype == SchemaTerms.ProcessGraphSubtype)
            {
                callbackSchema = o;
                return true;
            }

            if (SchemaTerms.Types(o) is null && subtype is null && SchemaTerms.Alternatives(o) is null) return true;
        }

        foreach (var alternative in SchemaTerms.Alternatives(schema) ?? [])
        {
            if (TakesCallback(alternative, depth + 1, out callbackSchema)) return true;
        }

        return false;
    }

    private Mismatch? MatchLiteral(JsonNode? value, JsonNode? schema, string path, List<CallbackSite> callbacks, int depth)
    {
        if (schema is JsonArray alternatives) return MatchAny(value, alternatives, path, callbacks, depth);
        if (schema is not JsonObject s)
        {
            // Any value: children inside are still checked, without known parameters.
            CollectCallbacks(value, path, callbacks);
            return null;
        }

        if (s["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                if (MatchLiteral(value, part, path, callbacks, depth + 1) is { } mismatch) return mismatch;
            }
        }

        if (SchemaTerms.Alternatives(s) is { } anyOf && MatchAny(value, anyOf, path, callbacks, depth) is { } anyMismatch) return anyMismatch;

        if (SchemaTerms.Types(s) is { } types && !types.Any(type => SchemaTerms.HasType(value, type)))
            return new Mismatch($"expected {SchemaTerms.Describe(s)}, got {SchemaTerms.DescribeValue(value)}", true);

        var subtype = SchemaTerms.Text(s, "subtype");
        if (SchemaTerms.IsCube(subtype))
            return new Mismatch($"expected a datacube (the result of a node such as load_collection), got {SchemaTerms.DescribeValue(value)}", true);
        if (subtype == SchemaTerms.ProcessGraphSubtype)
            return new Mismatch($"expected a process ({{\"process_graph\": ...}}), got {SchemaTerms.DescribeValue(value)}", true);

        if (subtype == "geojson" && GeoJsonMismatch(value) is { } notGeoJson) return notGeoJson;

        if (s["enum"] is JsonArray options && !options.Any(option => JsonNode.DeepEquals(option, value)))
            return new Mismatch($"{SchemaTerms.DescribeValue(value)} is not one of {ListOptions(options)}", false);
        if (s.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(constant, value))
            return new Mismatch($"{SchemaTerms.DescribeValue(value)} is not {EchoedText.Of(constant?.ToJsonString() ?? "null")}", false);

        // Alternatives have already walked into arrays and objects (and collected their child processes): walking
        // again would find each child process twice.
        var walked = s["allOf"] is JsonArray || SchemaTerms.Alternatives(s) is not null;
        return SchemaTerms.KindOf(value) switch
        {
            JsonValueKind.Number => MatchNumber(SchemaTerms.NumberOf(value)!.Value, s),
            JsonValueKind.String => MatchString(value!.GetValue<string>(), s, subtype),
            JsonValueKind.Array when !walked => MatchArray(value!.AsArray(), s, subtype, path, callbacks, depth),
            JsonValueKind.Object when !walked => MatchObject(value!.AsObject(), s, path, callbacks, depth),
            _ => null,
        };
    }

    private Mismatch? MatchAny(JsonNode? value, JsonArray alternatives, string path, List<CallbackSite> callbacks, int depth)
    {
        Mismatch? closest = null;
        foreach (var alternative in alternatives)
        {
            var found = new List<CallbackSite>();
            var mismatch = MatchLiteral(value, alternative, path, found, depth + 1);
            if (mismatch is null)
            {
                callbacks.AddRange(found);
                return null;
            }

            // An alternative of the right kind that fails on a detail explains the problem better than "expected X or Y".
            if (!mismatch.WrongType) closest ??= mismatch;
        }

        return closest ?? new Mismatch($"expected {SchemaTerms.Describe(alternatives)}, got {SchemaTerms.DescribeValue(value)}", true);
    }

    private static Mismatch? MatchNumber(double number, JsonObject s)
    {
        if (SchemaTerms.Number(s, "minimum") is { } minimum && number < minimum) return new Mismatch($"{number} is less than the minimum {minimum}", false);
        if (SchemaTerms.Number(s, "maximum") is { } maximum && number > maximum) return new Mismatch($"{number} is more than the maximum {maximum}", false);
        // openEO definitions spell the exclusive bounds minimumExclusive/maximumExclusive; JSON Schema exclusiveMinimum/-Maximum.
        var exclusiveMinimum = SchemaTerms.Number(s, "exclusiveMinimum") ?? SchemaTerms.Number(s, "minimumExclusive");
        if (exclusiveMinimum is { } low && number <= low) return new Mismatch($"{number} must be more than {low}", false);
        var exclusiveMaximum = SchemaTerms.Number(s, "exclusiveMaximum") ?? SchemaTerms.Number(s, "maximumExclusive");
        if (exclusiveMaximum is { } high && number >= high) return new Mismatch($"{number} must be less than {high}", false);
        return null;
    }

    private static Mismatch? MatchString(string text, JsonObject s, string? subtype)
    {
        // The output-format subtype means "a file format that the back-end supports": GET /file_formats' list.
        if (subtype == "output-format" && FileFormats.Canonical(text) is null)
            return new Mismatch($"'{EchoedText.Of(text)}' is not an output format of this back-end ({string.Join(", ", FileFormats.Output)}; see GET /file_formats)", false);
        if (SchemaTerms.Text(s, "pattern") is { } pattern && !MatchesPattern(text, pattern))
            return new Mismatch($"'{EchoedText.Of(text)}' does not match the pattern {EchoedText.Of(pattern)}", false);
        return SchemaTerms.Text(s, "format") switch
        {
            "date" when !TemporalStrings.IsDate(text) => new Mismatch($"'{EchoedText.Of(text)}' is not a date (YYYY-MM-DD)", false),
            "date-time" when !TemporalStrings.IsDateTime(text) => new Mismatch($"'{EchoedText.Of(text)}' is not an RFC 3339 date-time (e.g. 2024-05-01T00:00:00Z)", false),
            _ => null,
        };
    }

    private Mismatch? MatchArray(JsonArray array, JsonObject s, string? subtype, string path, List<CallbackSite> callbacks, int depth)
    {
        if (SchemaTerms.Number(s, "minItems") is { } minItems && array.Count < minItems)
            return new Mismatch($"{SchemaTerms.DescribeValue(array)} has fewer than {minItems}", false);
        if (SchemaTerms.Number(s, "maxItems") is { } maxItems && array.Count > maxItems)
            return new Mismatch($"{SchemaTerms.DescribeValue(array)} has more than {maxItems}", false);
        if (s["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True && HasDuplicates(array))
            return new Mismatch("its elements must differ from each other", false);

        for (var i = 0; i < array.Count; i++)
        {
            var itemSchema = s["items"] switch
            {
                JsonArray tuple => i < tuple.Count ? tuple[i] : null,
                var single => single,
            };
            if (Match(array[i], itemSchema, $"{path}[{i}]", callbacks, depth + 1) is { } mismatch)
                return mismatch with { Reason = $"element {i}: {mismatch.Reason}", WrongType = false };
        }

        return subtype == SchemaTerms.TemporalIntervalSubtype ? MatchTemporalInterval(array) : null;
    }

    private static Mismatch? MatchTemporalInterval(JsonArray interval)
    {
        if (interval.Count != 2) return null;
        var (start, end) = (interval[0], interval[1]);
        if (start is null && end is null) return new Mismatch("a temporal interval may leave one end open (null), not both", false);
        if (SchemaTerms.KindOf(start) != JsonValueKind.String || SchemaTerms.KindOf(end) != JsonValueKind.String) return null;
        var (from, to) = (TemporalStrings.Instant(start!.GetValue<string>()), TemporalStrings.Instant(end!.GetValue<string>()));
        return from is not null && to is not null && to <= from
            ? new Mismatch($"the end '{EchoedText.Of(end.GetValue<string>())}' must be later than the start '{EchoedText.Of(start.GetValue<string>())}'", false)
            : null;
    }

    private Mismatch? MatchObject(JsonObject value, JsonObject s, string path, List<CallbackSite> callbacks, int depth)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.OfType<JsonValue>().Where(n => n.GetValueKind() == JsonValueKind.String).Select(n => n.GetValue<string>()))
            {
                if (!value.ContainsKey(name)) return new Mismatch($"the object lacks '{EchoedText.Of(name)}'", false);
            }
        }

        var properties = s["properties"] as JsonObject;
        foreach (var (key, item) in value)
        {
            JsonNode? itemSchema;
            if (properties is not null && properties.TryGetPropertyValue(key, out var propertySchema)) itemSchema = propertySchema;
            else if (s["additionalProperties"] is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.False)
                return new Mismatch($"the object may not have '{EchoedText.Of(key)}'", false);
            else itemSchema = s["additionalProperties"] as JsonObject;

            if (Match(item, itemSchema, $"{path}.{key}", callbacks, depth + 1) is { } mismatch)
                return mismatch with { Reason = $"'{EchoedText.Of(key)}': {mismatch.Reason}", WrongType = false };
        }

        return null;
    }

    // The geojson subtype refers to the external GeoJSON schema; its one certain part is a "type" member naming a
    // GeoJSON object (GeometryCollection excepted, as the subtype says). Without this, any object would pass as GeoJSON.
    private static Mismatch? GeoJsonMismatch(JsonNode? value)
    {
        if (value is not JsonObject o) return null;
        var type = o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        return type is "Point" or "MultiPoint" or "LineString" or "MultiLineString" or "Polygon" or "MultiPolygon" or "Feature" or "FeatureCollection"
            ? null
            : new Mismatch("a GeoJSON object needs a \"type\" such as Polygon, Feature or FeatureCollection", false);
    }

    private static bool MatchesPattern(string text, string pattern)
    {
        try
        {
            // Schema patterns are ECMA-262: \w is ASCII there, as it is with RegexOptions.ECMAScript.
            return Regex.IsMatch(text, pattern, RegexOptions.ECMAScript, PatternTimeout);
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot read (or runs too long on): the value is not rejected for it.
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private static bool HasDuplicates(JsonArray array)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return array.Any(item => !seen.Add(item?.ToJsonString() ?? "null"));
    }

    private static string ListOptions(JsonArray options)
    {
        const int shown = 16;
        // A user-defined process's schema is user input too: the list is cut like any echo.
        var names = options.Take(shown).Select(o => o?.ToJsonString() ?? "null");
        return EchoedText.Of(string.Join(", ", names) + (options.Count > shown ? ", ..." : ""));
    }
}
