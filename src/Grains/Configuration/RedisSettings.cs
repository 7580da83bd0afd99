namespace Actors.Grains.Configuration;

/// <summary>
/// Redis Streams when <c>Silo:Streams</c> is <c>redis</c>, bound from the <c>Redis</c> section (env:
/// <c>Redis__IngressKey</c>, …); the server is <c>ConnectionStrings:Redis</c>. The keys are the contract
/// with outside producers and consumers.
/// </summary>
public sealed class RedisSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Redis";

    /// <summary>Where outside producers <c>XADD</c> acquisitions (fields <c>item</c>, <c>aoi</c>, <c>products</c>, <c>job</c>).</summary>
    public string IngressKey { get; set; } = "acquisitions";

    /// <summary>The consumer group the silos read <see cref="IngressKey"/> with; each silo is one consumer.</summary>
    public string IngressGroup { get; set; } = "eo-intake";

    /// <summary>Where entries that cannot become acquisitions go, with the reason and the original fields.</summary>
    public string DeadLetterKey { get; set; } = "acquisitions-dead";

    /// <summary>Where completed products are announced as JSON entries.</summary>
    public string ResultsKey { get; set; } = "results";

    /// <summary>Where failed products are announced as JSON entries.</summary>
    public string FailuresKey { get; set; } = "failures";

    /// <summary>Prefix of the Orleans stream provider's queue keys (<c>{prefix}0</c> … <c>{prefix}{n-1}</c>).</summary>
    public string QueueKeyPrefix { get; set; } = "eo:queue:";

    /// <summary>Queues of the Orleans stream provider: streams are spread over them, and silos share them out.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>An ingress entry pending this long at a consumer (a silo that died) is claimed by another silo.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Entries read from the ingress key per round.</summary>
    public int IngressBatchSize { get; set; } = 64;

    /// <summary>Approximate length the results, failures and dead-letter keys are trimmed to (readers are outside, so time-based trimming would guess).</summary>
    public long OutputMaxLength { get; set; } = 1_000_000;
}
