using Actors.EndToEnd.Tests.Infrastructure;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Deploy;

/// <summary>
/// The Helm chart, offline: it lints strictly, renders with the default and the production-like values, and every
/// rendered manifest passes both validators (kubernetes-models: types and required fields; KubernetesClient strict
/// loading: no unknown fields). Templates broken on purpose are rejected, which proves the validation runs.
/// </summary>
public sealed class HelmChartTests
{
    /// <summary>The values the chart is rendered with: its defaults, and values-production.yaml.</summary>
    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    private static string[] ValuesArguments(string values) => values == "production" ? ["-f", HelmChart.ProductionValues] : [];

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task The_chart_lints_strictly(string values)
    {
        var lint = await HelmChart.HelmAsync(["lint", "--strict", HelmChart.Directory, .. ValuesArguments(values)]);
        Assert.True(lint.ExitCode == 0, lint.ToString());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task Every_rendered_manifest_passes_both_validators(string values)
    {
        var yaml = await HelmChart.RenderAsync(null, ValuesArguments(values));

        var manifests = HelmChart.LoadStrict(yaml);
        var validation = await HelmChart.ValidateWithKubernetesModelsAsync(yaml);
        Assert.True(validation.ExitCode == 0, validation.ToString());
        Assert.Equal(manifests.Count, validation.StandardOutput.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));

        var kinds = manifests.Select(m => m.GetType().Name).Order().ToList();
        var expected = values == "production"
            ? new[] { nameof(KedaScaledObject), nameof(V1Deployment), nameof(V1PodDisruptionBudget), nameof(V1Role), nameof(V1RoleBinding), nameof(V1Service), nameof(V1ServiceAccount) }
            : [nameof(V1Deployment), nameof(V1PodDisruptionBudget), nameof(V1Secret), nameof(V1Service), nameof(V1ServiceAccount)];
        Assert.Equal(expected.Order(), kinds);

        // What a restricted pod needs and the probes the orchestrator uses.
        var pod = manifests.OfType<V1Deployment>().Single().Spec.Template.Spec;
        var silo = pod.Containers.Single();
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(silo.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(silo.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], silo.SecurityContext.Capabilities.Drop);
        Assert.Equal("/scratch", silo.VolumeMounts.Single(m => m.Name == "scratch").MountPath);
        Assert.NotNull(pod.Volumes.Single(v => v.Name == "scratch").EmptyDir);
        Assert.Equal("/health/ready", silo.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health", silo.LivenessProbe.HttpGet.Path);
        Assert.NotNull(silo.Lifecycle.PreStop.Exec);
        Assert.True(pod.TerminationGracePeriodSeconds >= 60);
        var env = silo.Env.ToDictionary(e => e.Name);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("$(POD_IP)", env["Orleans__AdvertisedAddress"].Value);
        Assert.Equal("$(POD_NAME)", env["Silo__InstanceId"].Value);
    }

    [Fact]
    public async Task The_KEDA_ScaledObject_scales_the_deployment_on_the_ingress_lag()
    {
        var manifests = HelmChart.LoadStrict(await HelmChart.RenderAsync(null, "-f", HelmChart.ProductionValues));
        var scaled = manifests.OfType<KedaScaledObject>().Single();
        Assert.Equal(manifests.OfType<V1Deployment>().Single().Metadata.Name, scaled.Spec.ScaleTargetRef!.Name);
        var trigger = scaled.Spec.Triggers.Single();
        Assert.Equal("redis-streams", trigger.Type);
        Assert.Equal("acquisitions", trigger.Metadata["stream"]);
        Assert.Equal("eo-intake", trigger.Metadata["consumerGroup"]);
        // Both autoscalers at once would fight over the replica count: the chart refuses.
        var both = await HelmChart.HelmAsync(["template", "eo", HelmChart.Directory, "-f", HelmChart.ProductionValues, "--set", "autoscaling.enabled=true"]);
        Assert.NotEqual(0, both.ExitCode);
    }

    [Fact]
    public async Task Templates_broken_on_purpose_are_rejected()
    {
        using var root = new TempDirectory("chart-broken");
        var deployment = Path.Combine("templates", "deployment.yaml");

        // An unknown field renders fine and passes kubernetes-models, but strict loading names it.
        var unknownField = HelmChart.CopyTo(Path.Combine(root.Path, "unknown-field"));
        Edit(unknownField, deployment, "          imagePullPolicy:", "          imagePullPolicee: Always\n          imagePullPolicy:");
        var yaml = await HelmChart.RenderAsync(unknownField);
        var error = Assert.ThrowsAny<Exception>(() => HelmChart.LoadStrict(yaml));
        Assert.Contains("imagePullPolicee", error.ToString(), StringComparison.Ordinal);

        // A field of the wrong type: kubernetes-models names it.
        var wrongType = HelmChart.CopyTo(Path.Combine(root.Path, "wrong-type"));
        Edit(wrongType, deployment, "              containerPort: {{ .Values.http.port }}", "              containerPort: \"http-{{ .Values.http.port }}\"");
        var validation = await HelmChart.ValidateWithKubernetesModelsAsync(await HelmChart.RenderAsync(wrongType));
        Assert.NotEqual(0, validation.ExitCode);
        Assert.Contains("containerPort must be integer", validation.StandardOutput, StringComparison.Ordinal);

        // An unknown field in the KEDA ScaledObject: our schema of it rejects it too.
        var keda = HelmChart.CopyTo(Path.Combine(root.Path, "keda"));
        Edit(keda, Path.Combine("templates", "keda-scaledobject.yaml"), "  pollingInterval:", "  pollingIntervall: 5\n  pollingInterval:");
        var kedaYaml = await HelmChart.RenderAsync(keda, "-f", HelmChart.ProductionValues);
        Assert.Contains("pollingIntervall", Assert.ThrowsAny<Exception>(() => HelmChart.LoadStrict(kedaYaml)).ToString(), StringComparison.Ordinal);

        // A template that does not parse: strict lint fails.
        var unparsable = HelmChart.CopyTo(Path.Combine(root.Path, "unparsable"));
        Edit(unparsable, deployment, "{{- if not (or .Values.autoscaling.enabled .Values.keda.enabled) }}", "{{- if not (or .Values.autoscaling.enabled .Values.keda.enabled }}");
        Assert.NotEqual(0, (await HelmChart.HelmAsync(["lint", "--strict", unparsable])).ExitCode);
    }

    private static void Edit(string chart, string template, string find, string replace)
    {
        var path = Path.Combine(chart, template);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
