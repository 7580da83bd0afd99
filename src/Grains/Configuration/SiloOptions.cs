namespace Actors.Grains.Configuration;

/// <summary>Settings of a silo, bound from the <c>Silo</c> configuration section (env: <c>Silo__DataDirectory</c>, …).</summary>
public sealed class SiloOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Silo";

    /// <summary>The embedded state store.</summary>
    public const string SqliteStore = "sqlite";

    /// <summary>The cluster state store (needs <c>ConnectionStrings:Postgres</c>).</summary>
    public const string PostgresStore = "postgres";

    /// <summary>Where grain state and the STAC catalog live: <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>Objects as files under the data folder.</summary>
    public const string LocalObjectStore = "local";

    /// <summary>Objects in an S3-compatible store (section <c>S3</c>).</summary>
    public const string S3ObjectStore = "s3";

    /// <summary>Where staged bands and products live: <c>local</c> (default) or <c>s3</c>.</summary>
    public string ObjectStore { get; set; } = LocalObjectStore;

    /// <summary>Messages between grains in this process only: the embedded default.</summary>
    public const string InMemoryTransport = "in-memory";

    /// <summary>Messages through RabbitMQ (needs <c>ConnectionStrings:RabbitMq</c>), shared by the silos of a cluster.</summary>
    public const string RabbitMqTransport = "rabbitmq";

    /// <summary>How grains exchange messages: <c>in-memory</c> (default) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = InMemoryTransport;

    /// <summary>How often this silo records its heartbeat in the membership table.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is older than this is declared dead and its work handed to live silos.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries of a turn that failed because a service (database, broker, object store) was unreachable.</summary>
    public int TransientRetryLimit { get; set; } = 30;

    /// <summary>Where the database and the object store live (embedded default).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>This silo's name, unique in the cluster and stable across its restarts; host name plus process id when empty.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>Product turns run at once; each product already uses every core, so more only adds memory.</summary>
    public int ProductConcurrency { get; set; } = 1;

    /// <summary>Scene turns (staging) run at once.</summary>
    public int SceneConcurrency { get; set; } = 2;

    /// <summary>Tries of a turn that failed unexpectedly before its work is marked failed.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>The full path of <see cref="DataDirectory"/>.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);
}
