namespace Actors.Catalog.Filter;

/// <summary>A CQL2 filter that cannot be parsed or evaluated; the message names the offending token and, for text, its position.</summary>
public sealed class Cql2Exception : FormatException
{
    /// <summary>Creates the exception with a message for the user who wrote the filter.</summary>
    public Cql2Exception(string message) : base(message) { }

    /// <summary>Creates the exception, keeping the underlying cause (e.g. a <see cref="Geometry.GeometryException"/>).</summary>
    public Cql2Exception(string message, Exception inner) : base(message, inner) { }
}
