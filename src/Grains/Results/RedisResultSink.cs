using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.Abstractions.Products;
using Actors.Grains.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Actors.Grains.Results;

/// <summary>
/// Writes each result as a JSON entry to the <c>results</c> key (completed) or the <c>failures</c> key
/// (failed), which any consumer can read with <c>XREAD</c> or a consumer group of its own.
/// </summary>
public sealed class RedisResultSink(RedisConnection redis, IOptions<RedisSettings> options) : IResultSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task PublishAsync(ProductResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = result.State == ProductStates.Completed ? settings.ResultsKey : settings.FailuresKey;
        var db = await redis.DatabaseAsync();
        await db.StreamAddAsync(key,
        [
            new NameValueEntry("scene", result.SceneId),
            new NameValueEntry("product", result.Product),
            new NameValueEntry("version", result.Version),
            new NameValueEntry("state", result.State),
            new NameValueEntry("result", JsonSerializer.Serialize(result, Json)),
        ], maxLength: settings.OutputMaxLength, useApproximateMaxLength: true).WaitAsync(cancellationToken);
    }
}
