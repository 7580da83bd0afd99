namespace Actors.EndToEnd.Tests.Cluster;

/// <summary>Tests that share one private set of cluster services; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterServices>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster";
}
