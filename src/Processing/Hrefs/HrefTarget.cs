namespace Actors.Processing.Hrefs;

/// <summary>Where an href points, once its scheme is known to be one the policy reads.</summary>
public abstract record HrefTarget
{
    private HrefTarget()
    {
    }

    /// <summary>A local file path (plain or from a <c>file://</c> URL), not yet checked against the roots.</summary>
    /// <param name="Path">The path as given (relative paths are relative to the silo's working directory).</param>
    public sealed record Local(string Path) : HrefTarget;

    /// <summary>An http(s) URL.</summary>
    /// <param name="Uri">The URL.</param>
    public sealed record Http(Uri Uri) : HrefTarget;

    /// <summary>An object in S3: <c>s3://bucket/key</c>.</summary>
    /// <param name="Bucket">The bucket.</param>
    /// <param name="Key">The key, without a leading slash.</param>
    public sealed record S3(string Bucket, string Key) : HrefTarget;
}
