using System.Globalization;
using System.Text;

namespace Actors.Catalog.Filter;

/// <summary>The kinds of CQL2 Text tokens.</summary>
internal enum TokenKind { Identifier, QuotedIdentifier, String, Number, Symbol, End }

/// <summary>One token; <see cref="Position"/> is 1-based, in characters from the start of the filter.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Position, double Number = 0)
{
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String => $"string '{Text}'",
        TokenKind.QuotedIdentifier => $"property \"{Text}\"",
        _ => $"'{Text}'",
    };
}

/// <summary>Splits CQL2 Text into tokens: identifiers (bare, with ':' '.' '_'), "quoted" identifiers, 'strings', numbers, operators.</summary>
internal static class Cql2Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (c == '\'' || c == '"')
            {
                tokens.Add(new Token(c == '\'' ? TokenKind.String : TokenKind.QuotedIdentifier, Quoted(text, ref i, c), start + 1));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    var e = i + 1;
                    if (e < text.Length && (text[e] == '+' || text[e] == '-')) e++;
                    if (e < text.Length && char.IsAsciiDigit(text[e]))
                    {
                        i = e;
                        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                    }
                }
                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
                    throw new Cql2Exception($"invalid number '{literal}' at position {start + 1}");
                tokens.Add(new Token(TokenKind.Number, literal, start + 1, number));
            }
            else if (char.IsLetter(c) || c == '_' || c == ':')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or ':' or '.')) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start + 1));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var symbol = two is "<>" or "<=" or ">=" ? two : c is '(' or ')' or ',' or '=' or '<' or '>' or '-' or '+' ? c.ToString() : null;
                if (symbol is null)
                    throw new Cql2Exception($"unexpected character '{c}' at position {start + 1}" + (two == "!=" ? " (use <> for 'not equal')" : ""));
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, start + 1));
            }
        }
    }

    // A doubled quote inside stands for one quote, as in SQL.
    private static string Quoted(string text, ref int i, char quote)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
                throw new Cql2Exception($"unterminated {(quote == '\'' ? "string" : "quoted identifier")} starting at position {start + 1}");
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }
                i++;
                return value.ToString();
            }
            value.Append(text[i++]);
        }
    }
}
