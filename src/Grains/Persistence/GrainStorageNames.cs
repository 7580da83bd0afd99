namespace Actors.Grains.Persistence;

/// <summary>The named grain storage providers every silo registers, on SQLite or PostgreSQL alike.</summary>
public static class GrainStorageNames
{
    /// <summary>Scene, product and job state.</summary>
    public const string State = "state";

    /// <summary>Orleans' stream subscriptions (the name Orleans' pub/sub looks up).</summary>
    public const string PubSub = "PubSubStore";
}
