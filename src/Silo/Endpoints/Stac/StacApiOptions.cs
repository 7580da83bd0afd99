namespace Actors.Silo.Endpoints.Stac;

/// <summary>The STAC API's settings, from the <c>Stac</c> configuration section.</summary>
public sealed class StacApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Stac";

    /// <summary>The landing page's id.</summary>
    public string Id { get; set; } = "eo-actors";

    /// <summary>The landing page's title.</summary>
    public string Title { get; set; } = "EO actors STAC API";

    /// <summary>The landing page's description.</summary>
    public string Description { get; set; } = "Staged scenes and the products computed from them.";

    /// <summary>Items per page when a request names no limit.</summary>
    public int DefaultLimit { get; set; } = 10;

    /// <summary>The largest page; larger limits are served at this size.</summary>
    public int MaximumLimit { get; set; } = 1000;

    /// <summary>Write access to items and collections.</summary>
    public StacTransactionOptions Transactions { get; set; } = new();
}

/// <summary>The Transactions extension: off unless enabled, and then for callers with the publisher role (<c>Auth</c>).</summary>
public sealed class StacTransactionOptions
{
    /// <summary>Serve the create, update and delete endpoints.</summary>
    public bool Enabled { get; set; }
}
