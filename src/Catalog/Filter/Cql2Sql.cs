using System.Globalization;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>
/// Translates a CQL2 filter to SQL over the items table (alias <c>i</c>: id, collection_id, document, dt_start, dt_end,
/// min_x, min_y, max_x, max_y). Comparisons, LIKE, BETWEEN, IN, IS NULL and temporal operators on properties against
/// literals are exact; spatial operators become envelope overlap and arrays, CASEI/ACCENTI and property-to-property
/// comparisons become supersets, all to be post-filtered with <see cref="Cql2Evaluator"/>.
/// </summary>
/// <remarks>
/// Exact fragments are two-valued where it matters: a NOT over an exact operand is <c>NOT COALESCE((...), FALSE)</c>,
/// so a NULL from a missing property reads as false inside and true outside, as the evaluator has it. A NOT over a
/// superset is not a superset of anything, so it becomes <c>1=1</c>. The spatial superset assumes min_x..max_y hold a box
/// containing the item geometry (min_x &gt; max_x for a box crossing the antimeridian).
/// </remarks>
public static class Cql2Sql
{
    private const string True = "1=1";
    private const string False = "1=0";

    /// <summary>Translates <paramref name="expr"/> for <paramref name="dialect"/>.</summary>
    /// <param name="expr">A parsed filter.</param>
    /// <param name="dialect">The target database.</param>
    /// <param name="bind">
    /// Receives each value the SQL needs (string, double, bool or long), in the order the placeholders appear in the SQL,
    /// and returns the placeholder text (e.g. <c>$p3</c>).
    /// </param>
    public static SqlCondition Translate(Cql2Expression expr, SqlDialect dialect, Func<object?, string> bind)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(bind);
        return new Translator(dialect, bind).Condition(expr);
    }

    private sealed class Translator(SqlDialect dialect, Func<object?, string> bind)
    {
        private bool Pg => dialect == SqlDialect.Postgres;

        private static readonly SqlCondition Superset = new(True, false);

        public SqlCondition Condition(Cql2Expression expr)
        {
            // Nothing item-dependent: decide it now.
            if (!ReferencesProperty(expr))
                return new SqlCondition(Cql2Evaluator.Matches(expr, []) ? True : False, true);
            switch (expr)
            {
                case AndExpression and:
                    return Join(and.Args.Select(Condition), " AND ");
                case OrExpression or:
                    return Join(or.Args.Select(Condition), " OR ");
                case NotExpression not:
                {
                    var inner = Condition(not.Arg);
                    return inner.Exact ? new SqlCondition($"NOT COALESCE(({inner.Sql}), FALSE)", true) : Superset;
                }
                case ComparisonExpression c:
                    return Comparison(c.Op, c.Left, c.Right);
                case BetweenExpression b:
                    return Condition(new AndExpression([
                        new ComparisonExpression(ComparisonOperator.GreaterOrEqual, b.Value, b.Low),
                        new ComparisonExpression(ComparisonOperator.LessOrEqual, b.Value, b.High)]));
                case InExpression @in:
                    return @in.List.Count == 0
                        ? new SqlCondition(False, true)
                        : Join(@in.List.Select(v => Condition(new ComparisonExpression(ComparisonOperator.Equal, @in.Value, v))), " OR ");
                case IsNullExpression isNull:
                    return IsNull(isNull.Value);
                case LikeExpression like:
                    return Like(like);
                case SpatialExpression spatial:
                    return Spatial(spatial);
                case TemporalExpression temporal:
                    return Temporal(temporal);
                case ArrayExpression array:
                    return Array(array);
                default:
                    return Superset;
            }
        }

        private static SqlCondition Join(IEnumerable<SqlCondition> parts, string separator)
        {
            var list = parts.ToList();
            return list.Count == 1 ? list[0] : new SqlCondition("(" + string.Join(separator, list.Select(p => p.Sql)) + ")", list.All(p => p.Exact));
        }

        // ---- comparisons -------------------------------------------------------------------------------------------

        private SqlCondition Comparison(ComparisonOperator op, Cql2Expression left, Cql2Expression right)
        {
            if (left is not PropertyRef && right is PropertyRef)
                (left, right, op) = (right, left, Flip(op));
            if (left is not PropertyRef property || !IsLiteral(right)) return Superset;
            var value = LiteralValue(right);
            var sqlOp = Operator(op);
            switch (Cql2Properties.Classify(property.Name))
            {
                case Cql2PropertyKind.Id:
                case Cql2PropertyKind.Collection:
                {
                    var column = Cql2Properties.Classify(property.Name) == Cql2PropertyKind.Id ? "i.id" : "i.collection_id";
                    return value switch
                    {
                        string s => Exact($"{column}{Collate} {sqlOp} {bind(s)}"),
                        Instant => Superset, // the column may hold a timestamp string; the evaluator would compare instants
                        _ => Exact(False),
                    };
                }
                case Cql2PropertyKind.Datetime:
                case Cql2PropertyKind.StartDatetime:
                case Cql2PropertyKind.EndDatetime:
                {
                    var column = Cql2Properties.Classify(property.Name) == Cql2PropertyKind.EndDatetime ? "i.dt_end" : "i.dt_start";
                    long? ms = value switch
                    {
                        Instant t => t.Ms,
                        string s => Cql2Values.AsInstant(s),
                        _ => null,
                    };
                    return ms is { } at ? Exact($"{column} {sqlOp} {bind(at)}") : Exact(False);
                }
                case Cql2PropertyKind.Geometry:
                    return Exact(False); // a geometry object never compares with a scalar
            }
            if (!CanAddress(property.Name)) return Superset;
            return value switch
            {
                string s => Exact($"{JsonString(property.Name)}{Collate} {sqlOp} {bind(s)}"),
                double d => Exact($"{JsonNumber(property.Name)} {sqlOp} {bind(d)}"),
                bool b when op is ComparisonOperator.Equal or ComparisonOperator.NotEqual => Exact($"{JsonBool(property.Name)} {sqlOp} {bind(b)}"),
                bool => Exact(False),
                _ => new SqlCondition($"{JsonType(property.Name)} = '{StringType}'", false), // a string that may parse as an instant
            };
        }

        private static bool IsLiteral(Cql2Expression e) => e is StringLiteral or NumberLiteral or BooleanLiteral or TimestampLiteral or DateLiteral;

        // The scalar a literal stands for in a comparison (dates as their midnight).
        private static object LiteralValue(Cql2Expression e) => e switch
        {
            StringLiteral s => s.Value,
            NumberLiteral n => n.Value,
            BooleanLiteral b => b.Value,
            TimestampLiteral t => new Instant(t.UnixMilliseconds),
            DateLiteral d => new Instant(ItemTime.DayStart(d.Date)),
            _ => throw new InvalidOperationException(),
        };

        private static ComparisonOperator Flip(ComparisonOperator op) => op switch
        {
            ComparisonOperator.Less => ComparisonOperator.Greater,
            ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
            ComparisonOperator.Greater => ComparisonOperator.Less,
            ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
            _ => op,
        };

        private static string Operator(ComparisonOperator op) => op switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "<>",
            ComparisonOperator.Less => "<",
            ComparisonOperator.LessOrEqual => "<=",
            ComparisonOperator.Greater => ">",
            _ => ">=",
        };

        // ---- IS NULL and LIKE -------------------------------------------------------------------------------------------

        private SqlCondition IsNull(Cql2Expression operand)
        {
            if (operand is not PropertyRef property) return Superset;
            return Cql2Properties.Classify(property.Name) switch
            {
                Cql2PropertyKind.Id => Exact("i.id IS NULL"),
                Cql2PropertyKind.Collection => Exact("i.collection_id IS NULL"),
                Cql2PropertyKind.Datetime or Cql2PropertyKind.StartDatetime or Cql2PropertyKind.EndDatetime => Exact("i.dt_start IS NULL"),
                Cql2PropertyKind.Geometry => Exact(Pg
                    ? "COALESCE(jsonb_typeof(i.document->'geometry'), 'null') = 'null'"
                    : "COALESCE(json_type(i.document, '$.geometry'), 'null') = 'null'"),
                _ => CanAddress(property.Name) ? Exact($"COALESCE({JsonType(property.Name)}, 'null') = 'null'") : Superset,
            };
        }

        private SqlCondition Like(LikeExpression like)
        {
            if (like.Value is not PropertyRef property || like.Pattern is not StringLiteral patternLiteral) return Superset;
            var pattern = new LikePattern(patternLiteral.Value);
            string operand;
            switch (Cql2Properties.Classify(property.Name))
            {
                case Cql2PropertyKind.Id: operand = "i.id"; break;
                case Cql2PropertyKind.Collection: operand = "i.collection_id"; break;
                case Cql2PropertyKind.Other when CanAddress(property.Name): operand = JsonString(property.Name); break;
                case Cql2PropertyKind.Other: return Superset;
                default: return Exact(False); // instants and geometries are not strings
            }
            return Pg
                ? Exact($"{operand} COLLATE \"C\" LIKE {bind(pattern.ToPostgresLike())} ESCAPE '\\'")
                : Exact($"{operand} GLOB {bind(pattern.ToGlob())}");
        }

        // ---- spatial -----------------------------------------------------------------------------------------------------

        private SqlCondition Spatial(SpatialExpression spatial)
        {
            if (spatial.Op != SpatialOperator.Intersects) return Superset;
            var (property, literal) = spatial.Left is PropertyRef ? (spatial.Left, spatial.Right) : (spatial.Right, spatial.Left);
            if (property is not PropertyRef { Name: "geometry" }) return Superset;
            IReadOnlyList<Envelope> envelopes = literal switch
            {
                BboxLiteral b => Shape.BboxEnvelopes(b.West, b.South, b.East, b.North),
                GeometryLiteral { Shape: ShapeCollection c } when c.Parts.Count <= 16 => c.Parts.Select(p => p.Envelope).ToList(),
                GeometryLiteral g => [g.Shape.Envelope],
                _ => [],
            };
            if (envelopes.Count == 0) return Superset;
            var parts = envelopes.Select(EnvelopeOverlap).ToList();
            return new SqlCondition(parts.Count == 1 ? parts[0] : "(" + string.Join(" OR ", parts) + ")", false);
        }

        // The item box may cross the antimeridian (min_x > max_x): it then covers [min_x, 180] and [-180, max_x].
        private string EnvelopeOverlap(Envelope e) =>
            $"(i.min_y <= {bind(e.MaxY)} AND i.max_y >= {bind(e.MinY)} AND ("
            + $"(i.min_x <= i.max_x AND i.min_x <= {bind(e.MaxX)} AND i.max_x >= {bind(e.MinX)})"
            + $" OR (i.min_x > i.max_x AND (i.min_x <= {bind(e.MaxX)} OR i.max_x >= {bind(e.MinX)}))))";

        // ---- temporal ----------------------------------------------------------------------------------------------------

        private SqlCondition Temporal(TemporalExpression temporal)
        {
            if (TemporalOperand(temporal.Left) is not { } a || TemporalOperand(temporal.Right) is not { } b)
                return StringGuard(temporal.Left, temporal.Right);
            // Each end is emitted through a callback so that parameters are bound in the order they appear.
            string Cmp(Func<string> x, string op, Func<string> y) { var l = x(); return $"{l} {op} {y()}"; }
            var sql = temporal.Op switch
            {
                TemporalOperator.After => Cmp(a.Start, ">", b.End),
                TemporalOperator.Before => Cmp(a.End, "<", b.Start),
                TemporalOperator.Contains => $"({Cmp(a.Start, "<", b.Start)} AND {Cmp(a.End, ">", b.End)})",
                TemporalOperator.Disjoint => $"({Cmp(a.End, "<", b.Start)} OR {Cmp(a.Start, ">", b.End)})",
                TemporalOperator.During => $"({Cmp(a.Start, ">", b.Start)} AND {Cmp(a.End, "<", b.End)})",
                TemporalOperator.Equal => $"({Cmp(a.Start, "=", b.Start)} AND {Cmp(a.End, "=", b.End)})",
                TemporalOperator.FinishedBy => $"({Cmp(a.Start, "<", b.Start)} AND {Cmp(a.End, "=", b.End)})",
                TemporalOperator.Finishes => $"({Cmp(a.Start, ">", b.Start)} AND {Cmp(a.End, "=", b.End)})",
                TemporalOperator.Intersects => $"({Cmp(a.Start, "<=", b.End)} AND {Cmp(a.End, ">=", b.Start)})",
                TemporalOperator.Meets => Cmp(a.End, "=", b.Start),
                TemporalOperator.MetBy => Cmp(a.Start, "=", b.End),
                TemporalOperator.OverlappedBy => $"({Cmp(b.Start, "<", a.Start)} AND {Cmp(a.Start, "<", b.End)} AND {Cmp(b.End, "<", a.End)})",
                TemporalOperator.Overlaps => $"({Cmp(a.Start, "<", b.Start)} AND {Cmp(b.Start, "<", a.End)} AND {Cmp(a.End, "<", b.End)})",
                TemporalOperator.StartedBy => $"({Cmp(a.Start, "=", b.Start)} AND {Cmp(a.End, ">", b.End)})",
                TemporalOperator.Starts => $"({Cmp(a.Start, "=", b.Start)} AND {Cmp(a.End, "<", b.End)})",
                _ => throw new ArgumentOutOfRangeException(nameof(temporal), temporal.Op, null),
            };
            return Exact(sql);
        }

        private sealed record Ends(Func<string> Start, Func<string> End);

        private Ends? TemporalOperand(Cql2Expression e)
        {
            switch (e)
            {
                case PropertyRef p:
                    return Cql2Properties.Classify(p.Name) switch
                    {
                        Cql2PropertyKind.Datetime => new Ends(() => "i.dt_start", () => "i.dt_end"),
                        Cql2PropertyKind.StartDatetime => new Ends(() => "i.dt_start", () => "i.dt_start"),
                        Cql2PropertyKind.EndDatetime => new Ends(() => "i.dt_end", () => "i.dt_end"),
                        _ => null,
                    };
                case IntervalLiteral interval:
                {
                    var start = interval.Start is null ? new Ends(() => bind(long.MinValue), () => bind(long.MinValue)) : TemporalOperand(interval.Start);
                    var end = interval.End is null ? new Ends(() => bind(long.MaxValue), () => bind(long.MaxValue)) : TemporalOperand(interval.End);
                    return start is null || end is null ? null : new Ends(start.Start, end.End);
                }
                case StringLiteral or TimestampLiteral or DateLiteral:
                {
                    // A literal that is not an instant makes the predicate false for every item.
                    if (Cql2Evaluator.TemporalLiteral(e) is not { } range) return new Ends(() => "NULL", () => "NULL");
                    return new Ends(() => bind(range.Start), () => bind(range.End));
                }
                default:
                    return null;
            }
        }

        // A property other than the item's own times can only be an instant as an RFC 3339 string.
        private SqlCondition StringGuard(params Cql2Expression[] operands)
        {
            var guards = operands.OfType<PropertyRef>()
                .Where(p => Cql2Properties.Classify(p.Name) == Cql2PropertyKind.Other && CanAddress(p.Name))
                .Select(p => $"{JsonType(p.Name)} = '{StringType}'")
                .ToList();
            return new SqlCondition(guards.Count == 0 ? True : string.Join(" AND ", guards), false);
        }

        // ---- arrays ------------------------------------------------------------------------------------------------------

        private SqlCondition Array(ArrayExpression array)
        {
            // Only "the property holds an array" is checked here; membership is left to the evaluator.
            var guards = new[] { array.Left, array.Right }
                .OfType<PropertyRef>()
                .Where(p => Cql2Properties.Classify(p.Name) == Cql2PropertyKind.Other && CanAddress(p.Name))
                .Select(p => $"{JsonType(p.Name)} = 'array'")
                .ToList();
            return new SqlCondition(guards.Count == 0 ? True : string.Join(" AND ", guards), false);
        }

        // ---- JSON access -------------------------------------------------------------------------------------------------

        private static SqlCondition Exact(string sql) => new(sql, true);

        private string Collate => Pg ? " COLLATE \"C\"" : "";

        private string StringType => Pg ? "string" : "text";

        // SQLite paths quote the key; a key holding a quote or backslash cannot be written into one reliably.
        private bool CanAddress(string name) => Pg || !(name.Contains('"') || name.Contains('\\'));

        private static string SqlString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

        private string SqlitePath(string name) => SqlString("$.properties.\"" + name + "\"");

        private string PgNode(string name) => $"i.document->'properties'->{SqlString(name)}";

        private string JsonType(string name) => Pg ? $"jsonb_typeof({PgNode(name)})" : $"json_type(i.document, {SqlitePath(name)})";

        private string JsonString(string name) => Pg
            ? $"(CASE WHEN {JsonType(name)} = 'string' THEN i.document->'properties'->>{SqlString(name)} END)"
            : $"(CASE WHEN {JsonType(name)} = 'text' THEN json_extract(i.document, {SqlitePath(name)}) END)";

        private string JsonNumber(string name) => Pg
            ? $"(CASE WHEN {JsonType(name)} = 'number' THEN (i.document->'properties'->>{SqlString(name)})::double precision END)"
            : $"(CASE WHEN {JsonType(name)} IN ('integer', 'real') THEN json_extract(i.document, {SqlitePath(name)}) END)";

        private string JsonBool(string name) => Pg
            ? $"(CASE WHEN {JsonType(name)} = 'boolean' THEN ({PgNode(name)})::boolean END)"
            : $"(CASE WHEN {JsonType(name)} IN ('true', 'false') THEN json_extract(i.document, {SqlitePath(name)}) END)";

        private static bool ReferencesProperty(Cql2Expression e) => e switch
        {
            PropertyRef => true,
            AndExpression a => a.Args.Any(ReferencesProperty),
            OrExpression o => o.Args.Any(ReferencesProperty),
            NotExpression n => ReferencesProperty(n.Arg),
            ComparisonExpression c => ReferencesProperty(c.Left) || ReferencesProperty(c.Right),
            LikeExpression l => ReferencesProperty(l.Value) || ReferencesProperty(l.Pattern),
            BetweenExpression b => ReferencesProperty(b.Value) || ReferencesProperty(b.Low) || ReferencesProperty(b.High),
            InExpression i => ReferencesProperty(i.Value) || i.List.Any(ReferencesProperty),
            IsNullExpression n => ReferencesProperty(n.Value),
            SpatialExpression s => ReferencesProperty(s.Left) || ReferencesProperty(s.Right),
            TemporalExpression t => ReferencesProperty(t.Left) || ReferencesProperty(t.Right),
            ArrayExpression a => ReferencesProperty(a.Left) || ReferencesProperty(a.Right),
            IntervalLiteral i => (i.Start is not null && ReferencesProperty(i.Start)) || (i.End is not null && ReferencesProperty(i.End)),
            ArrayLiteral a => a.Items.Any(ReferencesProperty),
            CaseiFunction c => ReferencesProperty(c.Arg),
            AccentiFunction a => ReferencesProperty(a.Arg),
            _ => false,
        };
    }
}
