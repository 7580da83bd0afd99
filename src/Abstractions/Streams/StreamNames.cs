namespace Actors.Abstractions.Streams;

/// <summary>The Orleans streams of the system: provider and namespaces, shared by silos and clients.</summary>
public static class StreamNames
{
    /// <summary>The stream provider every silo and client registers (memory streams by default, chosen by configuration).</summary>
    public const string Provider = "events";

    /// <summary>Acquisition events, keyed by scene id; scene grains subscribe implicitly.</summary>
    public const string Acquisitions = "acquisitions";

    /// <summary>Product results (<see cref="Products.ProductResult"/>), keyed by scene id; job grains and outside consumers subscribe.</summary>
    public const string Results = "results";
}
