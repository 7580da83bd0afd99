using Actors.Catalog.Geometry;

namespace Actors.Catalog.Filter;

/// <summary>
/// Parses CQL2 Text (OGC 21-065): keywords case-insensitive, precedence NOT &gt; AND &gt; OR, comparison, LIKE, BETWEEN,
/// IN, IS NULL, S_/T_/A_ operators, CASEI/ACCENTI, TIMESTAMP/DATE/INTERVAL, WKT and BBOX literals. Arithmetic is not supported.
/// </summary>
public static class Cql2TextParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL",
    };

    /// <summary>Parses a filter; the result is always a predicate.</summary>
    /// <exception cref="Cql2Exception">The text is not valid CQL2; the message gives the position and token.</exception>
    public static Cql2Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(Cql2Lexer.Tokenize(text));
        if (parser.Current.Kind == TokenKind.End) throw new Cql2Exception("empty filter");
        var expression = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
            throw new Cql2Exception($"unexpected {parser.Current.Describe()} at position {parser.Current.Position}: expected AND, OR or end of filter");
        return expression;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _index;

        public Token Current => tokens[_index];

        private Token Peek(int ahead = 1) => tokens[Math.Min(_index + ahead, tokens.Count - 1)];

        private Token Next() => tokens[_index < tokens.Count - 1 ? _index++ : _index];

        private void Expect(string symbol, string context)
        {
            if (!Current.IsSymbol(symbol))
                throw new Cql2Exception($"expected '{symbol}' {context} at position {Current.Position}, got {Current.Describe()}");
            Next();
        }

        private bool AcceptKeyword(string keyword)
        {
            if (!Current.IsKeyword(keyword)) return false;
            Next();
            return true;
        }

        public Cql2Expression ParseOr()
        {
            var terms = new List<Cql2Expression> { ParseAnd() };
            while (AcceptKeyword("OR")) terms.Add(ParseAnd());
            return terms.Count == 1 ? terms[0] : new OrExpression(terms);
        }

        private Cql2Expression ParseAnd()
        {
            var factors = new List<Cql2Expression> { ParseFactor() };
            while (AcceptKeyword("AND")) factors.Add(ParseFactor());
            return factors.Count == 1 ? factors[0] : new AndExpression(factors);
        }

        private Cql2Expression ParseFactor()
        {
            if (AcceptKeyword("NOT")) return new NotExpression(ParseFactor());
            if (Current.IsSymbol("("))
            {
                Next();
                var inner = ParseOr();
                Expect(")", "to close the parenthesis");
                return inner;
            }
            var start = Current;
            var left = ParseOperand();
            return ParsePredicateTail(left, start);
        }

        private Cql2Expression ParsePredicateTail(Cql2Expression left, Token start)
        {
            var token = Current;
            if (token.Kind == TokenKind.Symbol && Cql2Operators.Comparison.TryGetValue(token.Text, out var op))
            {
                Next();
                return new ComparisonExpression(op, left, ParseOperand());
            }
            var negated = false;
            if (token.IsKeyword("NOT") && (Peek().IsKeyword("LIKE") || Peek().IsKeyword("BETWEEN") || Peek().IsKeyword("IN")))
            {
                Next();
                negated = true;
            }
            Cql2Expression? predicate = null;
            if (AcceptKeyword("LIKE"))
                predicate = new LikeExpression(left, ParseOperand());
            else if (AcceptKeyword("BETWEEN"))
            {
                var low = ParseOperand();
                if (!AcceptKeyword("AND"))
                    throw new Cql2Exception($"expected AND in BETWEEN at position {Current.Position}, got {Current.Describe()}");
                predicate = new BetweenExpression(left, low, ParseOperand());
            }
            else if (AcceptKeyword("IN"))
            {
                Expect("(", "after IN");
                predicate = new InExpression(left, ParseList("IN list"));
            }
            else if (Current.IsKeyword("IS"))
            {
                Next();
                var not = AcceptKeyword("NOT");
                if (!AcceptKeyword("NULL"))
                    throw new Cql2Exception($"expected NULL after IS{(not ? " NOT" : "")} at position {Current.Position}, got {Current.Describe()}");
                Cql2Expression isNull = new IsNullExpression(left);
                return not ? new NotExpression(isNull) : isNull;
            }
            if (predicate is not null) return negated ? new NotExpression(predicate) : predicate;
            if (left.IsPredicate) return left;
            throw new Cql2Exception(
                $"expected a comparison operator, LIKE, BETWEEN, IN or IS after {start.Describe()} at position {token.Position}, got {token.Describe()}");
        }

        // After the opening parenthesis: operands separated by commas, up to the closing one.
        private List<Cql2Expression> ParseList(string context)
        {
            var items = new List<Cql2Expression>();
            if (Current.IsSymbol(")"))
            {
                Next();
                return items;
            }
            while (true)
            {
                items.Add(ParseOperand());
                if (Current.IsSymbol(",")) { Next(); continue; }
                Expect(")", $"to close the {context}");
                return items;
            }
        }

        private Cql2Expression ParseOperand()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.String:
                    Next();
                    return new StringLiteral(token.Text);
                case TokenKind.Number:
                    Next();
                    return new NumberLiteral(token.Number);
                case TokenKind.QuotedIdentifier:
                    Next();
                    return new PropertyRef(token.Text);
                case TokenKind.Symbol when token.Text is "-" or "+" && Peek().Kind == TokenKind.Number:
                    Next();
                    var number = Next();
                    return new NumberLiteral(token.Text == "-" ? -number.Number : number.Number);
                case TokenKind.Symbol when token.Text == "(":
                    Next();
                    return new ArrayLiteral(ParseList("array"));
                case TokenKind.Identifier:
                    return ParseIdentifier();
                default:
                    throw new Cql2Exception($"expected a property, literal or function at position {token.Position}, got {token.Describe()}");
            }
        }

        private Cql2Expression ParseIdentifier()
        {
            var token = Next();
            var name = token.Text;
            if (name.Equals("TRUE", StringComparison.OrdinalIgnoreCase)) return new BooleanLiteral(true);
            if (name.Equals("FALSE", StringComparison.OrdinalIgnoreCase)) return new BooleanLiteral(false);
            if (Reserved.Contains(name))
                throw new Cql2Exception($"expected a property, literal or function at position {token.Position}, got keyword {name.ToUpperInvariant()}");
            if (WktReader.IsGeometryKeyword(name) && (Current.IsSymbol("(") || Current.IsKeyword("Z")))
                return new GeometryLiteral(new WktReader(this, token).Read(name));
            if (!Current.IsSymbol("(")) return new PropertyRef(name);

            var upper = name.ToUpperInvariant();
            switch (upper)
            {
                case "TIMESTAMP":
                    return new TimestampLiteral(Instant(StringArgument(token)));
                case "DATE":
                    return new DateLiteral(Date(StringArgument(token)));
                case "INTERVAL":
                {
                    Next();
                    var start = IntervalEnd(isStart: true);
                    Expect(",", "between the INTERVAL ends");
                    var end = IntervalEnd(isStart: false);
                    Expect(")", "to close INTERVAL");
                    return new IntervalLiteral(start, end);
                }
                case "BBOX":
                    return Bbox(token);
                case "CASEI":
                case "ACCENTI":
                {
                    var args = Arguments(token, 1);
                    return upper == "CASEI" ? new CaseiFunction(args[0]) : new AccentiFunction(args[0]);
                }
            }
            if (Cql2Operators.Spatial.TryGetValue(name, out var spatial))
            {
                var args = Arguments(token, 2);
                return new SpatialExpression(spatial, args[0], args[1]);
            }
            if (Cql2Operators.UnsupportedSpatial.Contains(name))
                throw Cql2Operators.UnsupportedSpatialError(name, $" at position {token.Position}");
            if (Cql2Operators.Temporal.TryGetValue(name, out var temporal))
            {
                var args = Arguments(token, 2);
                return new TemporalExpression(temporal, args[0], args[1]);
            }
            if (Cql2Operators.Array.TryGetValue(name, out var array))
            {
                var args = Arguments(token, 2);
                return new ArrayExpression(array, args[0], args[1]);
            }
            throw new Cql2Exception($"unknown function '{name}' at position {token.Position}");
        }

        private List<Cql2Expression> Arguments(Token function, int count)
        {
            Next();
            var args = ParseList($"arguments of {function.Text.ToUpperInvariant()}");
            if (args.Count != count)
                throw new Cql2Exception($"{function.Text.ToUpperInvariant()} at position {function.Position} takes {count} argument(s), got {args.Count}");
            return args;
        }

        private Token StringArgument(Token function)
        {
            Next();
            var value = Current;
            if (value.Kind != TokenKind.String)
                throw new Cql2Exception($"{function.Text.ToUpperInvariant()} at position {function.Position} needs a quoted string, got {value.Describe()} at position {value.Position}");
            Next();
            Expect(")", $"to close {function.Text.ToUpperInvariant()}");
            return value;
        }

        private Cql2Expression? IntervalEnd(bool isStart)
        {
            var token = Current;
            if (token.Kind == TokenKind.String)
            {
                Next();
                if (token.Text == "..") return null;
                if (ItemTime.TryParseInstant(token.Text, out var ms)) return new TimestampLiteral(ms);
                if (ItemTime.TryParseDate(token.Text, out var date)) return new DateLiteral(date);
                throw new Cql2Exception($"INTERVAL {(isStart ? "start" : "end")} '{token.Text}' at position {token.Position} is neither an RFC 3339 timestamp, a date nor '..'");
            }
            return ParseOperand();
        }

        private static long Instant(Token token) => ItemTime.TryParseInstant(token.Text, out var ms)
            ? ms
            : throw new Cql2Exception($"invalid timestamp '{token.Text}' at position {token.Position}: expected RFC 3339 like 2020-01-31T12:00:00Z");

        private static DateOnly Date(Token token) => ItemTime.TryParseDate(token.Text, out var date)
            ? date
            : throw new Cql2Exception($"invalid date '{token.Text}' at position {token.Position}: expected YYYY-MM-DD");

        private BboxLiteral Bbox(Token function)
        {
            Next();
            var numbers = new List<double>();
            while (true)
            {
                numbers.Add(SignedNumber("BBOX"));
                if (Current.IsSymbol(",")) { Next(); continue; }
                Expect(")", "to close BBOX");
                break;
            }
            return Cql2Bbox.Create(numbers, $"BBOX at position {function.Position}");
        }

        public double SignedNumber(string context)
        {
            var sign = 1.0;
            if (Current.IsSymbol("-") || Current.IsSymbol("+"))
                sign = Next().Text == "-" ? -1 : 1;
            if (Current.Kind != TokenKind.Number)
                throw new Cql2Exception($"expected a number in {context} at position {Current.Position}, got {Current.Describe()}");
            return sign * Next().Number;
        }

        public bool IsSymbol(string symbol) => Current.IsSymbol(symbol);

        public bool IsNumberStart() => Current.Kind == TokenKind.Number || ((Current.IsSymbol("-") || Current.IsSymbol("+")) && Peek().Kind == TokenKind.Number);

        public void ExpectSymbol(string symbol, string context) => Expect(symbol, context);

        public Token Take() => Next();
    }

    /// <summary>Well-known text geometries, read from the same token stream; validated like GeoJSON.</summary>
    private sealed class WktReader(Parser parser, Token start)
    {
        private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
        {
            "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
        };

        public static bool IsGeometryKeyword(string name) => Keywords.Contains(name);

        public Shape Read(string keyword)
        {
            try
            {
                return ReadTagged(keyword);
            }
            catch (GeometryException e)
            {
                throw new Cql2Exception($"invalid {start.Text.ToUpperInvariant()} at position {start.Position}: {e.Message}", e);
            }
        }

        private Shape ReadTagged(string keyword)
        {
            if (parser.Current.IsKeyword("Z")) parser.Take();
            var upper = keyword.ToUpperInvariant();
            var context = $"{upper} at position {start.Position}";
            switch (upper)
            {
                case "POINT":
                    parser.ExpectSymbol("(", $"after {upper}");
                    var point = Position(upper);
                    parser.ExpectSymbol(")", $"to close {upper}");
                    return new PointShape(point);
                case "LINESTRING":
                    return Line(upper);
                case "POLYGON":
                    return Polygon(upper);
                case "MULTIPOINT":
                    return new ShapeCollection(ShapeCollection.MultiPoint, Members(upper, () =>
                    {
                        // Both MULTIPOINT ((1 2), (3 4)) and MULTIPOINT (1 2, 3 4) are in use.
                        if (!parser.IsSymbol("(")) return new PointShape(Position(upper));
                        parser.Take();
                        var p = Position(upper);
                        parser.ExpectSymbol(")", $"to close a point of {context}");
                        return new PointShape(p);
                    }));
                case "MULTILINESTRING":
                    return new ShapeCollection(ShapeCollection.MultiLineString, Members(upper, () => Line(upper)));
                case "MULTIPOLYGON":
                    return new ShapeCollection(ShapeCollection.MultiPolygon, Members(upper, () => Polygon(upper)));
                default:
                    return new ShapeCollection(ShapeCollection.GeometryCollection, Members(upper, () =>
                    {
                        var member = parser.Take();
                        if (member.Kind != TokenKind.Identifier || !IsGeometryKeyword(member.Text))
                            throw new Cql2Exception($"expected a WKT geometry inside {context} at position {member.Position}, got {member.Describe()}");
                        return ReadTagged(member.Text);
                    }));
            }
        }

        private List<Shape> Members(string kind, Func<Shape> member)
        {
            parser.ExpectSymbol("(", $"after {kind}");
            var members = new List<Shape>();
            while (true)
            {
                members.Add(member());
                if (parser.IsSymbol(",")) { parser.Take(); continue; }
                parser.ExpectSymbol(")", $"to close {kind}");
                return members;
            }
        }

        private LineStringShape Line(string kind)
        {
            var positions = Positions(kind);
            if (positions.Count < 2) throw new GeometryException($"a LineString needs at least 2 positions, got {positions.Count}");
            return new LineStringShape(positions);
        }

        private PolygonShape Polygon(string kind)
        {
            parser.ExpectSymbol("(", $"before the rings of {kind}");
            var rings = new List<IReadOnlyList<Position>>();
            while (true)
            {
                rings.Add(GeoJsonShape.CheckedRing(Positions(kind), $"ring {rings.Count + 1}"));
                if (parser.IsSymbol(",")) { parser.Take(); continue; }
                parser.ExpectSymbol(")", $"to close the rings of {kind}");
                return new PolygonShape(rings);
            }
        }

        private List<Position> Positions(string kind)
        {
            parser.ExpectSymbol("(", $"before the positions of {kind}");
            var positions = new List<Position>();
            while (true)
            {
                positions.Add(Position(kind));
                if (parser.IsSymbol(",")) { parser.Take(); continue; }
                parser.ExpectSymbol(")", $"to close the positions of {kind}");
                return positions;
            }
        }

        private Position Position(string kind)
        {
            var at = parser.Current.Position;
            var x = parser.SignedNumber(kind);
            var y = parser.SignedNumber(kind);
            if (parser.IsNumberStart()) parser.SignedNumber(kind); // height, ignored
            return GeoJsonShape.CheckedPosition(x, y, $"coordinate at position {at}");
        }
    }
}
