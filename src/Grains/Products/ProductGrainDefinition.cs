using Actors.Grains.Configuration;
using Actors.Grains.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Products;

/// <summary>Product turns: few at once, since each one uses every core.</summary>
public sealed class ProductGrainDefinition(IOptions<SiloOptions> options, IOptions<RabbitMqOptions> rabbitMq)
    : GrainConsumerDefinition<ProductGrain>(options, rabbitMq, o => o.ProductConcurrency);
