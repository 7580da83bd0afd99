using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Actors.Abstractions.OpenEo;

namespace Actors.Grains.OpenEo;

/// <summary>
/// Signs and checks result download links: <c>signature</c> = HMAC-SHA256 over the job id, the asset name and
/// <c>expires</c> (Unix seconds), keyed by the cluster's key (<see cref="IOpenEoSigningKeyGrain"/>), so a link one silo
/// signed is accepted by every other. The key is read once per silo.
/// </summary>
public sealed class ResultLinkSigner(IGrainFactory grains)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    /// <summary>The signature of a link to <paramref name="asset"/> of <paramref name="jobId"/> valid until <paramref name="expires"/>.</summary>
    public async Task<string> SignAsync(string jobId, string asset, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(), Message(jobId, asset, expires)));

    /// <summary>True when <paramref name="signature"/> is the signature of the link (compared in constant time).</summary>
    public async Task<bool> VerifyAsync(string jobId, string asset, long expires, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(await SignAsync(jobId, asset, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    private static byte[] Message(string jobId, string asset, long expires) =>
        Encoding.UTF8.GetBytes($"{jobId}\n{asset}\n{expires.ToString(CultureInfo.InvariantCulture)}");

    private async Task<byte[]> KeyAsync()
    {
        if (_key is { } key) return key;
        await _loading.WaitAsync();
        try
        {
            return _key ??= await grains.GetGrain<IOpenEoSigningKeyGrain>(IOpenEoSigningKeyGrain.DefaultKey).GetKeyAsync();
        }
        finally
        {
            _loading.Release();
        }
    }
}
