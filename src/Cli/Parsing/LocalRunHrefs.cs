using Actors.Processing.Hrefs;

namespace Actors.Cli.Parsing;

/// <summary>
/// The href policy of <c>eoctl process</c>. A local run reads with the user's own rights and serves nobody else,
/// so it may read any local file and any address the user can reach; it still reads only regular files (a device
/// or FIFO would hang it) through the same reader and locator the silo uses.
/// </summary>
public static class LocalRunHrefs
{
    /// <summary>Every local path, every address and any bucket (with the AWS settings of the environment).</summary>
    public static HrefPolicy Policy() => new(new HrefPolicyOptions
    {
        LocalRoots = ["/"],
        AllowedPrivateNetworks = ["0.0.0.0/0", "::/0"],
        S3Buckets = ["*"],
    });
}
