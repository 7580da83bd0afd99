namespace Actors.Catalog.Geometry;

/// <summary>A geometry (GeoJSON, WKT or bbox) that cannot be used; the message names the input and what is wrong with it.</summary>
public sealed class GeometryException : FormatException
{
    /// <summary>Creates the exception with a message meant for the user who sent the geometry.</summary>
    public GeometryException(string message) : base(message) { }
}
