using System.Text.Json.Nodes;
using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>
/// Decides in memory whether a STAC item matches a CQL2 filter; the reference semantics the SQL translation must agree with.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Properties resolve as <see cref="Cql2Properties"/> says; JSON null counts as missing.</item>
/// <item>A predicate over a missing property or mismatched types is false; NOT is plain negation of its operand's result.</item>
/// <item>Strings order by code point; numbers compare as doubles; booleans only compare for (in)equality.</item>
/// <item>Instants compare with instants, and with strings that parse as RFC 3339 timestamps or dates (midnight UTC).
/// In comparisons <c>datetime</c> and <c>start_datetime</c> are the item's start, <c>end_datetime</c> its end.</item>
/// <item>Temporal operators see <c>datetime</c> as the item's [start, end], a DATE as the whole day, '..' as unbounded.</item>
/// <item>Spatial operators need both sides to be valid geometries (an item without one is neither intersecting nor disjoint).</item>
/// <item>Array operators compare elements by type and value; A_EQUALS respects order.</item>
/// <item>CASEI lower-cases (invariant) and ACCENTI strips diacritics from its own operand only: wrap both sides.</item>
/// </list>
/// </remarks>
public static class Cql2Evaluator
{
    private enum Context { Scalar, Temporal, Spatial }

    /// <summary>True when <paramref name="item"/> (a STAC item object) satisfies <paramref name="expr"/>.</summary>
    /// <exception cref="Cql2Exception"><paramref name="expr"/> is not a predicate.</exception>
    public static bool Matches(Cql2Expression expr, JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(item);
        return new Scope(item).Truth(expr);
    }

    /// <summary>The [start, end] a string, timestamp or date literal stands for in a temporal operator; null if none.</summary>
    internal static TimeRange? TemporalLiteral(Cql2Expression literal) => literal switch
    {
        StringLiteral s => Cql2Values.AsRange(s.Value),
        TimestampLiteral t => new TimeRange(t.UnixMilliseconds, t.UnixMilliseconds),
        DateLiteral d => new TimeRange(ItemTime.DayStart(d.Date), ItemTime.DayEnd(d.Date)),
        _ => null,
    };

    // Caches what every predicate of one evaluation may ask again (the parsed geometry, the item time).
    private sealed class Scope(JsonObject item)
    {
        private Shape? _geometry;
        private bool _geometryRead;
        private ItemTime? _time;
        private bool _timeRead;

        private Shape? Geometry
        {
            get
            {
                if (_geometryRead) return _geometry;
                _geometryRead = true;
                try { _geometry = item["geometry"] is JsonObject g ? GeoJsonShape.Parse(g, "geometry") : null; }
                catch (GeometryException) { _geometry = null; }
                return _geometry;
            }
        }

        private ItemTime? Time
        {
            get
            {
                if (!_timeRead) { _time = ItemTime.Of(item); _timeRead = true; }
                return _time;
            }
        }

        public bool Truth(Cql2Expression expr) => expr switch
        {
            BooleanLiteral b => b.Value,
            AndExpression and => and.Args.All(Truth),
            OrExpression or => or.Args.Any(Truth),
            NotExpression not => !Truth(not.Arg),
            ComparisonExpression c => Cql2Values.Compare(Value(c.Left), Value(c.Right), c.Op),
            LikeExpression like => Value(like.Value) is string s && Value(like.Pattern) is string p && new LikePattern(p).Matches(s),
            BetweenExpression between => Between(between),
            InExpression @in => In(@in),
            IsNullExpression isNull => IsNull(isNull.Value),
            SpatialExpression spatial => Spatial(spatial),
            TemporalExpression temporal => Temporal(temporal),
            ArrayExpression array => Array(array),
            _ => throw new Cql2Exception($"{expr.GetType().Name} is not a predicate"),
        };

        private bool Between(BetweenExpression between)
        {
            var value = Value(between.Value);
            return Cql2Values.Compare(value, Value(between.Low), ComparisonOperator.GreaterOrEqual)
                && Cql2Values.Compare(value, Value(between.High), ComparisonOperator.LessOrEqual);
        }

        private bool In(InExpression @in)
        {
            var value = Value(@in.Value);
            return @in.List.Any(candidate => Cql2Values.Compare(value, Value(candidate), ComparisonOperator.Equal));
        }

        private bool IsNull(Cql2Expression operand)
        {
            if (operand is PropertyRef property)
                return Cql2Properties.Classify(property.Name) switch
                {
                    Cql2PropertyKind.Datetime or Cql2PropertyKind.StartDatetime or Cql2PropertyKind.EndDatetime => Time is null,
                    _ => Cql2Properties.Raw(item, property.Name) is null,
                };
            return Value(operand) is null;
        }

        private bool Spatial(SpatialExpression spatial)
        {
            if (Value(spatial.Left, Context.Spatial) is not Shape a || Value(spatial.Right, Context.Spatial) is not Shape b) return false;
            var intersects = a.Intersects(b);
            return spatial.Op == SpatialOperator.Intersects ? intersects : !intersects;
        }

        private bool Temporal(TemporalExpression temporal)
        {
            if (Value(temporal.Left, Context.Temporal) is not TimeRange a || Value(temporal.Right, Context.Temporal) is not TimeRange b) return false;
            return TemporalRelation.Holds(temporal.Op, a.Start, a.End, b.Start, b.End);
        }

        private bool Array(ArrayExpression array)
        {
            if (Value(array.Left) is not List<object?> a || Value(array.Right) is not List<object?> b) return false;
            bool In(object? x, List<object?> list) => list.Any(y => Cql2Values.ElementEquals(x, y));
            return array.Op switch
            {
                ArrayOperator.Equal => Cql2Values.ElementEquals(a, b),
                ArrayOperator.Contains => b.All(x => In(x, a)),
                ArrayOperator.ContainedBy => a.All(x => In(x, b)),
                _ => a.Any(x => In(x, b)),
            };
        }

        private object? Value(Cql2Expression expr, Context context = Context.Scalar)
        {
            switch (expr)
            {
                case PropertyRef property:
                    return Property(property.Name, context);
                case StringLiteral s:
                    return context == Context.Temporal ? Cql2Values.AsRange(s.Value) : s.Value;
                case NumberLiteral n:
                    return n.Value;
                case BooleanLiteral b:
                    return b.Value;
                case TimestampLiteral t:
                    return context == Context.Temporal ? new TimeRange(t.UnixMilliseconds, t.UnixMilliseconds) : new Instant(t.UnixMilliseconds);
                case DateLiteral d:
                    return context == Context.Temporal
                        ? new TimeRange(ItemTime.DayStart(d.Date), ItemTime.DayEnd(d.Date))
                        : new Instant(ItemTime.DayStart(d.Date));
                case IntervalLiteral interval:
                {
                    long start = long.MinValue, end = long.MaxValue;
                    if (interval.Start is not null)
                    {
                        if (Value(interval.Start, Context.Temporal) is not TimeRange s) return null;
                        start = s.Start;
                    }
                    if (interval.End is not null)
                    {
                        if (Value(interval.End, Context.Temporal) is not TimeRange e) return null;
                        end = e.End;
                    }
                    return new TimeRange(start, end);
                }
                case GeometryLiteral g:
                    return g.Shape;
                case BboxLiteral box:
                    return box.Shape;
                case ArrayLiteral array:
                    return array.Items.Select(i => Value(i)).ToList();
                case CaseiFunction casei:
                    return Value(casei.Arg) is string cs ? Cql2Values.CaseFold(cs) : null;
                case AccentiFunction accenti:
                    return Value(accenti.Arg) is string accented ? Cql2Values.StripAccents(accented) : null;
                default:
                    return expr.IsPredicate ? Truth(expr) : null;
            }
        }

        private object? Property(string name, Context context)
        {
            var kind = Cql2Properties.Classify(name);
            switch (kind)
            {
                case Cql2PropertyKind.Geometry:
                    return context == Context.Spatial ? Geometry : Cql2Values.FromJson(item["geometry"]);
                case Cql2PropertyKind.Datetime or Cql2PropertyKind.StartDatetime or Cql2PropertyKind.EndDatetime:
                {
                    if (Time is not { } time) return null;
                    var (start, end) = kind switch
                    {
                        Cql2PropertyKind.Datetime => (time.Start, time.End),
                        Cql2PropertyKind.StartDatetime => (time.Start, time.Start),
                        _ => (time.End, time.End),
                    };
                    return context == Context.Temporal ? new TimeRange(start, end) : new Instant(start);
                }
            }
            var raw = Cql2Properties.Raw(item, name);
            switch (context)
            {
                case Context.Spatial:
                    try { return raw is JsonObject g ? GeoJsonShape.Parse(g, name) : null; }
                    catch (GeometryException) { return null; }
                case Context.Temporal:
                    return Cql2Values.FromJson(raw) is string s ? Cql2Values.AsRange(s) : null;
                default:
                    return Cql2Values.FromJson(raw);
            }
        }
    }
}
