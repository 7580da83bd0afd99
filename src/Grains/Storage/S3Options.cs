namespace Actors.Grains.Storage;

/// <summary>The S3-compatible object store, bound from the <c>S3</c> configuration section (env: <c>S3__ServiceUrl</c>, …).</summary>
public sealed class S3Options
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "S3";

    /// <summary>Endpoint, e.g. <c>http://127.0.0.1:54569</c>; empty for AWS itself.</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>Bucket holding staged scenes and products; created on start if missing.</summary>
    public string Bucket { get; set; } = "eo-actors";

    /// <summary>Access key (s3rver accepts its default S3RVER).</summary>
    public string AccessKey { get; set; } = "S3RVER";

    /// <summary>Secret key.</summary>
    public string SecretKey { get; set; } = "S3RVER";

    /// <summary>Region.</summary>
    public string Region { get; set; } = "us-east-1";
}
