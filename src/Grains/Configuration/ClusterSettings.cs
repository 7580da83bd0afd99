namespace Actors.Grains.Configuration;

/// <summary>
/// How this silo joins its Orleans cluster, bound from the <c>Orleans</c> section (env: <c>Orleans__SiloPort</c>, …).
/// Every silo of a cluster must use the same ids and membership settings.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Orleans";

    /// <summary>Orleans' cluster id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "eo-actors";

    /// <summary>Orleans' service id: keys grain state and reminders; keep it across deployments.</summary>
    public string ServiceId { get; set; } = "eo-actors";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How long a probe may go unanswered. With <see cref="MissedProbesLimit"/> 2, a killed silo is declared dead in about 1.5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Orleans' Kubernetes hosting (<c>UseKubernetesHosting</c>): silo name, address and ids from the pod (<c>POD_NAME</c>,
    /// <c>POD_IP</c>, <c>POD_NAMESPACE</c>, <c>ORLEANS_SERVICE_ID</c>, <c>ORLEANS_CLUSTER_ID</c>), and silos whose pod is gone are
    /// declared dead at once. Needs a service account allowed to get, list, watch and patch pods (the Helm chart's RBAC).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>How often a silo writes its "I am alive" time to the membership table (what operators see as last heartbeat).</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
