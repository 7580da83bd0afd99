using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace Actors.Streaming.Redis.Tests;

/// <summary>
/// A Redis stream provider outside any silo, built the way Orleans builds it (named options, the provider's services,
/// the factory) with a real Orleans serializer, on one queue so every stream lands on the same key.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string Name = "harness";
    private static readonly StreamId StreamOfNumbers = StreamId.Create(NumberedEvent.Namespace, "harness");
    private readonly ServiceProvider services;

    private ProviderHarness(ServiceProvider services, RedisStreamOptions options)
    {
        this.services = services;
        Options = options;
    }

    public RedisStreamOptions Options { get; }

    public IServiceProvider Services => services;

    /// <summary>The key of queue 0, where everything of a one-queue provider goes.</summary>
    public RedisKey Key => $"{Options.KeyPrefix}0";

    public static ProviderHarness Create(string connectionString, string keyPrefix, int queueCount = 1, TimeSpan? trimInterval = null)
    {
        var collection = new ServiceCollection().AddLogging().AddSerializer();
        collection.AddOptions<RedisStreamOptions>(Name).Configure(options =>
        {
            options.ConnectionString = connectionString;
            options.KeyPrefix = keyPrefix;
            options.QueueCount = queueCount;
            options.TrimInterval = trimInterval ?? options.TrimInterval;
        });
        RedisStreamServices.Add(collection, Name);
        var provider = collection.BuildServiceProvider();
        return new ProviderHarness(provider, provider.GetOptionsByName<RedisStreamOptions>(Name));
    }

    /// <summary>A new factory, as a newly started silo gets: its receivers read as consumers of their own.</summary>
    public async Task<Silo> StartSiloAsync()
    {
        var factory = RedisQueueAdapterFactory.Create(services, Name);
        return new Silo(factory, await factory.CreateAdapter());
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>Decodes the numbers of the batches, in order.</summary>
    public static List<int> Numbers(IEnumerable<IBatchContainer> batches) =>
        batches.SelectMany(batch => batch.GetEvents<NumberedEvent>()).Select(item => item.Item1.Number).ToList();

    public sealed record Silo(IQueueAdapterFactory Factory, IQueueAdapter Adapter)
    {
        public Task SendAsync(int number) => SendAsync(StreamOfNumbers, number);

        public Task SendAsync(StreamId stream, int number) =>
            Adapter.QueueMessageBatchAsync(stream, [new NumberedEvent(number)], null, null);

        public async Task<IQueueAdapterReceiver> StartReceiverAsync(uint queueNumber = 0)
        {
            var queue = Factory.GetStreamQueueMapper().GetAllQueues().Single(queue => queue.GetNumericId() == queueNumber);
            var receiver = Adapter.CreateReceiver(queue);
            await receiver.Initialize(TimeSpan.FromSeconds(5));
            return receiver;
        }
    }
}
