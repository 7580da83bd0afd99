using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>
/// Parses CQL2 JSON: <c>{"op": ..., "args": [...]}</c>, <c>{"property": ...}</c>, <c>{"timestamp"|"date": ...}</c>,
/// <c>{"interval": [a, b]}</c>, <c>{"bbox": [...]}</c>, GeoJSON geometries, arrays and plain JSON scalars.
/// </summary>
public static class Cql2JsonParser
{
    /// <summary>Parses a filter; the result is always a predicate.</summary>
    /// <exception cref="Cql2Exception">The JSON is not valid CQL2; the message gives the JSON path and what is wrong.</exception>
    public static Cql2Expression Parse(JsonNode? node)
    {
        var expression = Expression(node, "filter");
        if (!expression.IsPredicate)
            throw new Cql2Exception($"filter must be a predicate (an \"op\" object or a boolean), got {Describe(node)}");
        return expression;
    }

    private static Cql2Expression Expression(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                throw new Cql2Exception($"{path}: null is not a CQL2 expression");
            case JsonArray array:
                return new ArrayLiteral(array.Select((item, i) => Expression(item, $"{path}[{i}]")).ToList());
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new StringLiteral(value.GetValue<string>()),
                    JsonValueKind.Number => new NumberLiteral(JsonNumber.ToDouble(value)),
                    JsonValueKind.True => new BooleanLiteral(true),
                    JsonValueKind.False => new BooleanLiteral(false),
                    _ => throw new Cql2Exception($"{path}: unexpected {Describe(node)}"),
                };
        }
        var obj = (JsonObject)node;
        if (obj.ContainsKey("op")) return Operation(obj, path);
        if (obj.TryGetPropertyValue("property", out var property))
            return new PropertyRef(String(property, $"{path}.property"));
        if (obj.TryGetPropertyValue("timestamp", out var timestamp))
        {
            var text = String(timestamp, $"{path}.timestamp");
            return ItemTime.TryParseInstant(text, out var ms)
                ? new TimestampLiteral(ms)
                : throw new Cql2Exception($"{path}.timestamp: '{text}' is not an RFC 3339 timestamp like 2020-01-31T12:00:00Z");
        }
        if (obj.TryGetPropertyValue("date", out var date))
        {
            var text = String(date, $"{path}.date");
            return ItemTime.TryParseDate(text, out var day)
                ? new DateLiteral(day)
                : throw new Cql2Exception($"{path}.date: '{text}' is not a date like 2020-01-31");
        }
        if (obj.TryGetPropertyValue("interval", out var interval)) return Interval(interval, $"{path}.interval");
        if (obj.TryGetPropertyValue("bbox", out var bbox))
        {
            if (bbox is not JsonArray numbers)
                throw new Cql2Exception($"{path}.bbox: expected an array of 4 or 6 numbers, got {Describe(bbox)}");
            return Cql2Bbox.Create(numbers.Select((n, i) => Number(n, $"{path}.bbox[{i}]")).ToList(), $"{path}.bbox");
        }
        if (obj.ContainsKey("type"))
        {
            try
            {
                return new GeometryLiteral(GeoJsonShape.Parse(obj, path));
            }
            catch (GeometryException e)
            {
                throw new Cql2Exception(e.Message, e);
            }
        }
        throw new Cql2Exception(
            $"{path}: an object must have \"op\", \"property\", \"timestamp\", \"date\", \"interval\", \"bbox\" or a GeoJSON \"type\"; got keys {string.Join(", ", obj.Select(p => $"\"{p.Key}\""))}");
    }

    private static Cql2Expression Operation(JsonObject obj, string path)
    {
        var op = String(obj["op"], $"{path}.op");
        if (obj["args"] is not JsonArray argsNode)
            throw new Cql2Exception($"{path}: operator \"{op}\" needs an \"args\" array");
        var argsPath = $"{path}.args";
        var args = argsNode.Select((a, i) => Expression(a, $"{argsPath}[{i}]")).ToList();
        var name = op.ToLowerInvariant();

        switch (name)
        {
            case "and":
            case "or":
                if (args.Count < 2) throw Arity(op, path, "at least 2", args.Count);
                for (var i = 0; i < args.Count; i++) RequirePredicate(args[i], $"{argsPath}[{i}]", op);
                return name == "and" ? new AndExpression(args) : new OrExpression(args);
            case "not":
                Count(op, path, args, 1);
                RequirePredicate(args[0], $"{argsPath}[0]", op);
                return new NotExpression(args[0]);
            case "like":
                Count(op, path, args, 2);
                return new LikeExpression(args[0], args[1]);
            case "between":
                Count(op, path, args, 3);
                return new BetweenExpression(args[0], args[1], args[2]);
            case "in":
                Count(op, path, args, 2);
                return args[1] is ArrayLiteral list
                    ? new InExpression(args[0], list.Items)
                    : throw new Cql2Exception($"{argsPath}[1]: \"in\" needs an array of values as its second argument");
            case "isnull":
                Count(op, path, args, 1);
                return new IsNullExpression(args[0]);
            case "casei":
                Count(op, path, args, 1);
                return new CaseiFunction(args[0]);
            case "accenti":
                Count(op, path, args, 1);
                return new AccentiFunction(args[0]);
        }
        if (Cql2Operators.Comparison.TryGetValue(op, out var comparison))
        {
            Count(op, path, args, 2);
            return new ComparisonExpression(comparison, args[0], args[1]);
        }
        if (Cql2Operators.Spatial.TryGetValue(op, out var spatial))
        {
            Count(op, path, args, 2);
            return new SpatialExpression(spatial, args[0], args[1]);
        }
        if (Cql2Operators.UnsupportedSpatial.Contains(op)) throw Cql2Operators.UnsupportedSpatialError(op, $" at {path}");
        if (Cql2Operators.Temporal.TryGetValue(op, out var temporal))
        {
            Count(op, path, args, 2);
            return new TemporalExpression(temporal, args[0], args[1]);
        }
        if (Cql2Operators.Array.TryGetValue(op, out var array))
        {
            Count(op, path, args, 2);
            return new ArrayExpression(array, args[0], args[1]);
        }
        throw new Cql2Exception($"{path}.op: unknown operator or function \"{op}\"");
    }

    private static IntervalLiteral Interval(JsonNode? node, string path)
    {
        if (node is not JsonArray { Count: 2 } ends)
            throw new Cql2Exception($"{path}: expected an array of 2 ends, got {Describe(node)}");
        return new IntervalLiteral(IntervalEnd(ends[0], $"{path}[0]"), IntervalEnd(ends[1], $"{path}[1]"));
    }

    private static Cql2Expression? IntervalEnd(JsonNode? node, string path)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text == "..") return null;
            if (ItemTime.TryParseInstant(text, out var ms)) return new TimestampLiteral(ms);
            if (ItemTime.TryParseDate(text, out var date)) return new DateLiteral(date);
            throw new Cql2Exception($"{path}: '{text}' is neither an RFC 3339 timestamp, a date nor '..'");
        }
        return Expression(node, path);
    }

    private static void RequirePredicate(Cql2Expression arg, string path, string op)
    {
        if (!arg.IsPredicate) throw new Cql2Exception($"{path}: every argument of \"{op}\" must be a predicate, got {arg.GetType().Name}");
    }

    private static void Count(string op, string path, List<Cql2Expression> args, int count)
    {
        if (args.Count != count) throw Arity(op, path, count.ToString(System.Globalization.CultureInfo.InvariantCulture), args.Count);
    }

    private static Cql2Exception Arity(string op, string path, string expected, int got) =>
        new($"{path}: operator \"{op}\" takes {expected} argument(s), got {got}");

    private static string String(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new Cql2Exception($"{path}: expected a string, got {Describe(node)}");

    private static double Number(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? JsonNumber.ToDouble(value)
            : throw new Cql2Exception($"{path}: expected a number, got {Describe(node)}");

    private static string Describe(JsonNode? node) => GeoJsonShape.Describe(node);
}
