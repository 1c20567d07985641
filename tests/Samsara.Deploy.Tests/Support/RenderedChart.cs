using Samsara.ServiceDefaults;

namespace Samsara.Deploy.Tests.Support;

/// <summary>One rendered Kubernetes object.</summary>
internal sealed record Manifest(string Source, Dictionary<string, object?> Body)
{
    public string Kind => Body.Text("kind") ?? "";

    public string Name => Body.Text("metadata", "name") ?? "";

    /// <summary>The <c>app.kubernetes.io/component</c> label: gateway, generator, filter, trainer, judge, …</summary>
    public string? Component => Body.Text("metadata", "labels", "app.kubernetes.io/component");

    public bool IsWorkload => Kind is "Deployment" or "StatefulSet";

    /// <summary>The pod spec of a workload or a Pod; null for other kinds.</summary>
    public Dictionary<string, object?>? PodSpec => Kind == "Pod" ? Body.Map("spec") : IsWorkload ? Body.Map("spec", "template", "spec") : null;

    public Dictionary<string, object?>? PodAnnotations => Kind == "Pod" ? Body.Map("metadata", "annotations") : Body.Map("spec", "template", "metadata", "annotations");

    public bool IsHelmHook => Body.Text("metadata", "annotations", "helm.sh/hook") is not null;

    public IEnumerable<Dictionary<string, object?>> Containers =>
        PodSpec.Maps("initContainers").Concat(PodSpec.Maps("containers"));

    public override string ToString() => $"{Kind}/{Name} ({Source})";
}

/// <summary><c>helm template</c> output, split into objects; rendering failures fail the test with helm's output.</summary>
internal sealed class RenderedChart
{
    private RenderedChart(IReadOnlyList<Manifest> manifests) => Manifests = manifests;

    public IReadOnlyList<Manifest> Manifests { get; }

    public static RenderedChart Render(ChartVariant variant, params string[] moreSets)
    {
        var result = Helm.Template(variant, moreSets);
        Assert.True(result.ExitCode == 0, $"helm template ({variant}) failed: {result.Describe()}");
        return Parse(result.Output);
    }

    public static RenderedChart Parse(string yaml) =>
        new([.. YamlTree.LoadDocuments(yaml).Select(body => new Manifest(SourceOf(body), body))]);

    public IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    public Manifest Single(string kind, string component) =>
        Assert.Single(Manifests, m => m.Kind == kind && m.Component == component);

    /// <summary>The Deployment or StatefulSet of a component.</summary>
    public Manifest Workload(string component) => Assert.Single(Manifests, m => m.IsWorkload && m.Component == component);

    public Manifest? Named(string kind, string name) => Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name);

    /// <summary>The environment a container gets from its env list and the ConfigMaps it imports (secrets are named, not read).</summary>
    public Dictionary<string, string> Environment(Dictionary<string, object?> container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.Maps("envFrom"))
        {
            if (source.Text("configMapRef", "name") is { } configMap && Named("ConfigMap", configMap) is { } map)
            {
                foreach (var (key, value) in map.Body.Map("data") ?? [])
                    environment[key] = value as string ?? "";
            }

            // A Secret the chart renders itself (API key hashes given in values) is part of the configuration too.
            if (source.Text("secretRef", "name") is { } secretName && Named("Secret", secretName) is { } secret)
            {
                foreach (var (key, value) in secret.Body.Map("stringData") ?? [])
                    environment[key] = value as string ?? "";
            }
        }

        foreach (var variable in container.Maps("env"))
        {
            var name = variable.Text("name")!;
            environment[name] = variable.Text("value") ?? (variable.Map("valueFrom") is not null ? SecretPlaceholder : "");
        }

        return environment;
    }

    /// <summary>What a value read from a Secret or the downward API stands for in <see cref="Environment"/>.</summary>
    public const string SecretPlaceholder = "<from-secret>";

    /// <summary>The health endpoints every Samsara host maps (ServiceDefaults), which the probes must ask.</summary>
    public static (string Live, string Ready) HealthPaths => (ServiceDefaultsExtensions.LivenessPath, ServiceDefaultsExtensions.ReadinessPath);

    private static string SourceOf(Dictionary<string, object?> body) => body.Text("metadata", "name") ?? "?";
}
