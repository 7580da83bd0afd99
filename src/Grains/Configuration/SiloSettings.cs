namespace Actors.Grains.Configuration;

/// <summary>Settings of a silo, bound from the <c>Silo</c> configuration section (env: <c>Silo__DataDirectory</c>, …).</summary>
public sealed class SiloSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Silo";

    /// <summary>The embedded store: grain state, reminders and the STAC catalog in one SQLite file; localhost clustering.</summary>
    public const string SqliteStore = "sqlite";

    /// <summary>The cluster store (needs <c>ConnectionStrings:Postgres</c>): Orleans ADO.NET clustering, grain state and reminders, and the STAC catalog.</summary>
    public const string PostgresStore = "postgres";

    /// <summary>Where grain state, reminders, membership and the STAC catalog live: <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>Objects as files under the data folder.</summary>
    public const string LocalObjectStore = "local";

    /// <summary>Objects in an S3-compatible store (section <c>S3</c>).</summary>
    public const string S3ObjectStore = "s3";

    /// <summary>Where staged bands and products live: <c>local</c> (default) or <c>s3</c>.</summary>
    public string ObjectStore { get; set; } = LocalObjectStore;

    /// <summary>Orleans memory streams: events in flight live in the cluster's memory.</summary>
    public const string MemoryStreams = "memory";

    /// <summary>Orleans streams on Redis Streams (needs <c>ConnectionStrings:Redis</c>): durable, with keys for outside producers and consumers.</summary>
    public const string RedisStreams = "redis";

    /// <summary>Which Orleans stream provider carries acquisitions and results: <c>memory</c> (default) or <c>redis</c>.</summary>
    public string Streams { get; set; } = MemoryStreams;

    /// <summary>Where the database, the local object store and scratch space live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>This silo's name (Orleans' silo name), stable across its restarts; Orleans picks one when empty.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>Product computations at once on this silo; each already uses every core, so more only adds memory.</summary>
    public int ProductConcurrency { get; set; } = 1;

    /// <summary>Scene stagings at once on this silo.</summary>
    public int SceneConcurrency { get; set; } = 2;

    /// <summary>Computations of a product (started and interrupted or failed unexpectedly) before it is marked failed.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>Tries of a call to a service (database, object store) that failed because the service was unreachable.</summary>
    public int TransientRetryLimit { get; set; } = 30;

    /// <summary>
    /// Period of the reminder that every unfinished scene and product holds: how soon work interrupted by a
    /// dead silo is resumed elsewhere, or work whose call was lost is picked up.
    /// </summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The full path of <see cref="DataDirectory"/>.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);
}
