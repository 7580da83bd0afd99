namespace Actors.Catalog;

/// <summary>
/// A catalog request the caller got wrong (a malformed bbox, datetime, filter, token...). The message says
/// what and where, so the HTTP layer can hand it back as a 400 unchanged.
/// </summary>
public sealed class CatalogRequestException(string message, Exception? inner = null) : Exception(message, inner);
