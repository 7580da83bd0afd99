using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// KEDA's <c>ScaledObject</c> (keda.sh/v1alpha1) as far as the chart may render it: KubernetesClient knows no KEDA
/// types, so this schema is ours. Loaded strictly, a field it does not declare fails the test, as for built-in kinds.
/// </summary>
public sealed class KedaScaledObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The type map entry for <see cref="KubernetesYaml.LoadAllFromString"/>.</summary>
    public const string TypeKey = "keda.sh/v1alpha1/ScaledObject";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The scaling.</summary>
    [JsonPropertyName("spec")] public ScaledObjectSpec Spec { get; set; } = new();
}

/// <summary>A ScaledObject's spec.</summary>
public sealed class ScaledObjectSpec
{
    /// <summary>The workload scaled.</summary>
    [JsonPropertyName("scaleTargetRef")] public ScaleTargetRef? ScaleTargetRef { get; set; }

    /// <summary>Seconds between trigger checks.</summary>
    [JsonPropertyName("pollingInterval")] public int? PollingInterval { get; set; }

    /// <summary>Seconds after the last active trigger before scaling to the minimum.</summary>
    [JsonPropertyName("cooldownPeriod")] public int? CooldownPeriod { get; set; }

    /// <summary>Fewest replicas.</summary>
    [JsonPropertyName("minReplicaCount")] public int? MinReplicaCount { get; set; }

    /// <summary>Most replicas.</summary>
    [JsonPropertyName("maxReplicaCount")] public int? MaxReplicaCount { get; set; }

    /// <summary>What is measured.</summary>
    [JsonPropertyName("triggers")] public List<ScaleTrigger> Triggers { get; set; } = [];
}

/// <summary>The workload a ScaledObject scales.</summary>
public sealed class ScaleTargetRef
{
    /// <summary>Its API version (default apps/v1).</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }

    /// <summary>Its kind (default Deployment).</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }

    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

/// <summary>One scaler.</summary>
public sealed class ScaleTrigger
{
    /// <summary>The scaler, e.g. <c>redis-streams</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";

    /// <summary>The scaler's settings.</summary>
    [JsonPropertyName("metadata")] public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>A TriggerAuthentication holding its secrets.</summary>
    [JsonPropertyName("authenticationRef")] public TriggerAuthenticationRef? AuthenticationRef { get; set; }
}

/// <summary>A reference to a KEDA TriggerAuthentication.</summary>
public sealed class TriggerAuthenticationRef
{
    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}
