using System.Text;

namespace Actors.Catalog.Filter;

/// <summary>
/// A CQL2 LIKE pattern split into parts: '%' any run, '_' exactly one character (code point), '\' makes the next
/// character literal (a trailing '\' is a literal backslash). Renders to SQLite GLOB and PostgreSQL LIKE.
/// </summary>
internal sealed class LikePattern
{
    private enum Kind { Literal, One, Run }

    private readonly List<(Kind Kind, Rune Rune)> _parts = [];

    public LikePattern(string pattern)
    {
        var runes = pattern.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var r = runes[i];
            if (r.Value == '\\' && i + 1 < runes.Count) _parts.Add((Kind.Literal, runes[++i]));
            else if (r.Value == '%') _parts.Add((Kind.Run, r));
            else if (r.Value == '_') _parts.Add((Kind.One, r));
            else _parts.Add((Kind.Literal, r));
        }
    }

    /// <summary>Whole-string match, case-sensitive, by code point (greedy with backtracking to the last '%').</summary>
    public bool Matches(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < runes.Length)
        {
            if (p < _parts.Count && (_parts[p].Kind == Kind.One || (_parts[p].Kind == Kind.Literal && _parts[p].Rune == runes[t])))
            {
                t++; p++;
            }
            else if (p < _parts.Count && _parts[p].Kind == Kind.Run)
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else return false;
        }
        while (p < _parts.Count && _parts[p].Kind == Kind.Run) p++;
        return p == _parts.Count;
    }

    /// <summary>SQLite GLOB (case-sensitive, '?' one UTF-8 character); GLOB metacharacters are bracketed to be literal.</summary>
    public string ToGlob()
    {
        var text = new StringBuilder();
        foreach (var (kind, rune) in _parts)
        {
            if (kind == Kind.Run) text.Append('*');
            else if (kind == Kind.One) text.Append('?');
            else if (rune.Value is '*' or '?' or '[') text.Append('[').Append(rune.ToString()).Append(']');
            else text.Append(rune.ToString());
        }
        return text.ToString();
    }

    /// <summary>PostgreSQL LIKE with ESCAPE '\': every literal %, _ and \ escaped, no dangling escape.</summary>
    public string ToPostgresLike()
    {
        var text = new StringBuilder();
        foreach (var (kind, rune) in _parts)
        {
            if (kind == Kind.Run) text.Append('%');
            else if (kind == Kind.One) text.Append('_');
            else
            {
                if (rune.Value is '%' or '_' or '\\') text.Append('\\');
                text.Append(rune.ToString());
            }
        }
        return text.ToString();
    }
}
