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

    /// <summary>Where the database and the object store live (embedded default).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>This silo's identity in logs and in the work it holds; generated per start when empty.</summary>
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
