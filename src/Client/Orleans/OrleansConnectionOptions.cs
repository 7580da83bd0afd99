namespace Actors.Client.Orleans;

/// <summary>How an Orleans client finds the cluster: through PostgreSQL (ADO.NET clustering) or a static gateway list.</summary>
public sealed class OrleansConnectionOptions
{
    /// <summary>The cluster's <c>Orleans:ClusterId</c>.</summary>
    public string ClusterId { get; set; } = "eo-actors";

    /// <summary>The cluster's <c>Orleans:ServiceId</c>.</summary>
    public string ServiceId { get; set; } = "eo-actors";

    /// <summary>
    /// The cluster's PostgreSQL (its <c>ConnectionStrings:Postgres</c>): the client reads the live gateways from
    /// Orleans' membership table. Takes precedence over <see cref="Gateways"/>.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// The cluster's Redis (its <c>ConnectionStrings:Redis</c>) when the silos run <c>Silo:Streams=redis</c>: the
    /// client then produces to and subscribes on the same Redis streams. Null for memory streams.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The silos' <c>Redis:QueueKeyPrefix</c> and <c>Redis:QueueCount</c>, when they differ from the defaults.</summary>
    public (string KeyPrefix, int Count) RedisQueues { get; set; } = ("eo:queue:", 8);

    /// <summary>
    /// The bearer credential (an OIDC access token or an API key) every call carries, when the silos require
    /// authentication (<c>Auth</c>); the silos check it and apply its roles and owner as the HTTP API does.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Gateway endpoints (<c>host:port</c>, a silo's <c>Orleans:GatewayPort</c>) when there is no membership database, e.g. the embedded silo at <c>127.0.0.1:30000</c>.</summary>
    public IList<string> Gateways { get; } = [];
}
