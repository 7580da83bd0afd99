using Actors.Abstractions.Api;

namespace Actors.Client;

/// <summary>The polling loop behind <see cref="ISiloClient.WaitForSceneAsync"/>, shared by both clients.</summary>
internal static class SceneWaiter
{
    public static async Task<SceneStatus> WaitAsync(
        ISiloClient client, string sceneId, TimeSpan timeout, TimeSpan interval, IProgress<SceneStatus>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sceneId);
        var deadline = DateTime.UtcNow + timeout;
        string? lastSignature = null;
        while (true)
        {
            var last = await client.GetSceneAsync(sceneId, cancellationToken);
            var signature = last.State + "|" + string.Join(",", last.Products.Select(p => $"{p.Product}:{p.State}"));
            if (signature != lastSignature)
            {
                progress?.Report(last);
                lastSignature = signature;
            }
            if (last.IsFinished) return last;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) throw new SceneWaitTimeoutException(sceneId, timeout, last);
            await Task.Delay(remaining < interval ? remaining : interval, cancellationToken);
        }
    }
}
