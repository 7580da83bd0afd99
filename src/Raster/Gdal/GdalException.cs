namespace Actors.Raster.Gdal;

/// <summary>A GDAL call failed; the message is GDAL's own (CPLGetLastErrorMsg) prefixed with what we were doing.</summary>
public sealed class GdalException(string message) : Exception(message);
