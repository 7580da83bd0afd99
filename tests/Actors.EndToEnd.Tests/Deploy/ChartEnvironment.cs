using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The environment the chart gives a silo container, resolved the way the kubelet would: downward-API fields from
/// the pod (its name, namespace, IP and the rendered pod template's labels), secret references from the rendered
/// Secret, and <c>$(VAR)</c> references expanded from the variables before them.
/// </summary>
public static partial class ChartEnvironment
{
    /// <summary>The silo container's environment in the manifests of <paramref name="yaml"/>, for a pod named <paramref name="podName"/> at <paramref name="podIp"/>.</summary>
    public static Dictionary<string, string> Resolve(string yaml, string podName, string podIp)
    {
        var manifests = HelmChart.LoadStrict(yaml);
        var deployment = manifests.OfType<V1Deployment>().Single();
        var secrets = manifests.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name);
        var pod = deployment.Spec.Template;
        var fields = new Dictionary<string, string>
        {
            ["metadata.name"] = podName,
            ["metadata.namespace"] = deployment.Metadata.NamespaceProperty ?? "eo",
            ["status.podIP"] = podIp,
        };
        foreach (var (label, value) in pod.Metadata.Labels) fields[$"metadata.labels['{label}']"] = value;

        var environment = new Dictionary<string, string>();
        foreach (var variable in pod.Spec.Containers.Single(c => c.Name == "silo").Env)
        {
            environment[variable.Name] = variable.ValueFrom switch
            {
                null => Expand(variable.Value ?? "", environment),
                { FieldRef: { } field } => fields[field.FieldPath],
                { SecretKeyRef: { } key } => SecretValue(secrets, key.Name, key.Key),
                _ => throw new NotSupportedException($"{variable.Name}: only fieldRef and secretKeyRef are resolved"),
            };
        }
        return environment;
    }

    /// <summary>The path of the readiness probe the chart gives the silo container.</summary>
    public static string ReadinessPath(string yaml) =>
        HelmChart.LoadStrict(yaml).OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single(c => c.Name == "silo").ReadinessProbe.HttpGet.Path;

    private static string SecretValue(Dictionary<string, V1Secret> secrets, string name, string key)
    {
        var secret = secrets.TryGetValue(name, out var s) ? s : throw new InvalidOperationException($"the chart did not render Secret {name}");
        if (secret.StringData?.TryGetValue(key, out var text) == true) return text;
        if (secret.Data?.TryGetValue(key, out var bytes) == true) return Encoding.UTF8.GetString(bytes);
        throw new InvalidOperationException($"Secret {name} has no key {key}");
    }

    // The kubelet expands $(NAME) from variables defined earlier in the list and leaves unknown references as they are.
    private static string Expand(string value, Dictionary<string, string> defined) =>
        Reference().Replace(value, m => defined.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
