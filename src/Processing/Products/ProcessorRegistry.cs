namespace Actors.Processing.Products;

/// <summary>The product processors this build knows, by name.</summary>
public sealed class ProcessorRegistry
{
    private readonly Dictionary<string, IProductProcessor> _byName;

    /// <summary>A registry of the given processors.</summary>
    public ProcessorRegistry(IEnumerable<IProductProcessor> processors) =>
        _byName = processors.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The built-in processors: water-bodies and ndvi.</summary>
    public static ProcessorRegistry Default() => new([new WaterBodiesProcessor(), new NdviProcessor()]);

    /// <summary>Every processor.</summary>
    public IReadOnlyCollection<IProductProcessor> All => _byName.Values;

    /// <summary>Known product names.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The processor for <paramref name="name"/>, or null.</summary>
    public IProductProcessor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The processor for <paramref name="name"/>.</summary>
    /// <exception cref="ProcessingException">No such product.</exception>
    public IProductProcessor Get(string name) =>
        Find(name) ?? throw new ProcessingException($"Unknown product '{name}'. Known products: {string.Join(", ", Names.Order())}.");
}
