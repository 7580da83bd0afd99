namespace Actors.Catalog.Geometry;

/// <summary>One vertex: longitude (X) and latitude (Y) in degrees. A third (height) ordinate is dropped on input.</summary>
/// <param name="X">Longitude.</param>
/// <param name="Y">Latitude.</param>
public readonly record struct Position(double X, double Y);
