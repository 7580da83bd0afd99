namespace Actors.Grains.Runtime;

/// <summary>The kinds of grain, as stored.</summary>
public static class GrainKinds
{
    /// <summary>Scene grains (activator).</summary>
    public const string Scene = "scene";
    /// <summary>Product grains (processors).</summary>
    public const string Product = "product";
    /// <summary>Job grains.</summary>
    public const string Job = "job";
}
