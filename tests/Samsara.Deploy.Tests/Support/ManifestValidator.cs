using System.Globalization;
using System.Text.RegularExpressions;

namespace Samsara.Deploy.Tests.Support;

/// <summary>
/// A structural check of rendered objects, the part of the API server's validation that needs no cluster: each kind's
/// apiVersion and required fields, valid names and labels, and references that must resolve inside the release
/// (selectors, Services' target ports, ConfigMaps, PVCs, ServiceAccounts, scale targets, KEDA authentication).
/// Returns every problem found, each naming the object and the field.
/// </summary>
internal static partial class ManifestValidator
{
    private static readonly Dictionary<string, string> ApiVersions = new(StringComparer.Ordinal)
    {
        ["Deployment"] = "apps/v1",
        ["StatefulSet"] = "apps/v1",
        ["Service"] = "v1",
        ["ConfigMap"] = "v1",
        ["Secret"] = "v1",
        ["ServiceAccount"] = "v1",
        ["PersistentVolumeClaim"] = "v1",
        ["Pod"] = "v1",
        ["PodDisruptionBudget"] = "policy/v1",
        ["NetworkPolicy"] = "networking.k8s.io/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
        ["ScaledObject"] = "keda.sh/v1alpha1",
        ["TriggerAuthentication"] = "keda.sh/v1alpha1",
        ["Component"] = "dapr.io/v1alpha1",
        ["Configuration"] = "dapr.io/v1alpha1",
    };

    public static IReadOnlyList<string> Validate(RenderedChart chart)
    {
        var problems = new List<string>();
        foreach (var group in chart.Manifests.GroupBy(m => (m.Kind, m.Name)).Where(g => g.Count() > 1))
            problems.Add($"{group.Key.Kind}/{group.Key.Name}: rendered {group.Count()} times");

        foreach (var manifest in chart.Manifests)
        {
            var problem = (string text) => problems.Add($"{manifest}: {text}");
            Metadata(manifest, problem);
            switch (manifest.Kind)
            {
                case "Deployment" or "StatefulSet": Workload(chart, manifest, problem); break;
                case "Pod": Pod(chart, manifest, manifest.PodSpec, problem); break;
                case "Service": Service(chart, manifest, problem); break;
                case "ConfigMap" or "Secret": Data(manifest, problem); break;
                case "PersistentVolumeClaim": Claim(manifest.Body.Map("spec"), problem); break;
                case "PodDisruptionBudget": DisruptionBudget(chart, manifest, problem); break;
                case "NetworkPolicy": NetworkPolicy(chart, manifest, problem); break;
                case "HorizontalPodAutoscaler": Autoscaler(chart, manifest, problem); break;
                case "ScaledObject": ScaledObject(chart, manifest, problem); break;
                case "TriggerAuthentication": TriggerAuthentication(manifest, problem); break;
                case "Component": DaprComponent(manifest, problem); break;
                case "Configuration": Require(manifest.Body, "spec", problem); break;
                case "ServiceAccount": break;
                default: problem("a kind this validator does not know; add its rules"); break;
            }
        }

        return problems;
    }

    private static void Metadata(Manifest m, Action<string> problem)
    {
        if (!ApiVersions.TryGetValue(m.Kind, out var apiVersion))
            return;
        if (m.Body.Text("apiVersion") != apiVersion)
            problem($"apiVersion is '{m.Body.Text("apiVersion")}', expected '{apiVersion}'");
        if (!DnsLabel().IsMatch(m.Name) || m.Name.Length > (m.Kind is "Service" or "Deployment" or "StatefulSet" ? 63 : 253))
            problem($"metadata.name '{m.Name}' is not a valid DNS-1123 name of the allowed length");
        if (m.Body.Map("metadata", "namespace") is not null)
            problem("metadata.namespace must not be a mapping");
        foreach (var (key, value) in m.Body.Map("metadata", "labels") ?? [])
        {
            if (value is not string text || text.Length > 63 || !LabelValue().IsMatch(text))
                problem($"label {key}='{value}' is not a valid label value");
        }

        foreach (var required in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by" })
        {
            if (m.Body.Text("metadata", "labels", required) is null)
                problem($"metadata.labels lacks {required}");
        }
    }

    private static void Workload(RenderedChart chart, Manifest m, Action<string> problem)
    {
        var spec = m.Body.Map("spec");
        if (spec is null)
        {
            problem("spec is missing");
            return;
        }

        if (spec.Text("replicas") is { } replicas && !(int.TryParse(replicas, CultureInfo.InvariantCulture, out var count) && count >= 0))
            problem($"spec.replicas '{replicas}' is not a non-negative integer");
        var selector = spec.Map("selector", "matchLabels");
        var labels = spec.Map("template", "metadata", "labels");
        if (selector is null || selector.Count == 0)
            problem("spec.selector.matchLabels is empty");
        else if (!Selects(selector, labels))
            problem("spec.selector.matchLabels does not match spec.template.metadata.labels");
        if (m.Kind == "StatefulSet")
        {
            var serviceName = spec.Text("serviceName");
            if (serviceName is null || chart.Named("Service", serviceName) is null)
                problem($"spec.serviceName '{serviceName}' is not a rendered Service");
            foreach (var template in spec.Maps("volumeClaimTemplates"))
                Claim(template.Map("spec"), problem);
        }

        Pod(chart, m, spec.Map("template", "spec"), problem);
    }

    private static void Pod(RenderedChart chart, Manifest m, Dictionary<string, object?>? pod, Action<string> problem)
    {
        if (pod is null)
        {
            problem("has no pod spec");
            return;
        }

        var containers = pod.Maps("containers").ToList();
        if (containers.Count == 0)
            problem("the pod has no containers");
        if (pod.Text("serviceAccountName") is { } account && chart.Named("ServiceAccount", account) is null)
            problem($"serviceAccountName '{account}' is not a rendered ServiceAccount");

        var volumes = pod.Maps("volumes").Select(v => v.Text("name")).ToHashSet();
        foreach (var template in m.Body.Maps("spec", "volumeClaimTemplates"))
            volumes.Add(template.Text("metadata", "name"));
        foreach (var volume in pod.Maps("volumes"))
        {
            // A read-only claim is a volume the platform provides (readOnlyRoots: a models volume), not one the chart makes.
            if (volume.Text("persistentVolumeClaim", "claimName") is { } claim && volume.Text("persistentVolumeClaim", "readOnly") != "true"
                && chart.Named("PersistentVolumeClaim", claim) is null)
                problem($"volume {volume.Text("name")} claims '{claim}', which is not rendered (an existing claim must be named in values)");
            if (volume.Text("configMap", "name") is { } map && chart.Named("ConfigMap", map) is null)
                problem($"volume {volume.Text("name")} mounts ConfigMap '{map}', which is not rendered");
        }

        foreach (var container in containers)
        {
            var name = container.Text("name");
            if (string.IsNullOrEmpty(name) || !DnsLabel().IsMatch(name))
                problem($"a container has no valid name ('{name}')");
            if (string.IsNullOrEmpty(container.Text("image")))
                problem($"container {name} has no image");
            var ports = container.Maps("ports").ToList();
            foreach (var port in ports)
            {
                if (!IsPort(port.Text("containerPort")))
                    problem($"container {name}: containerPort '{port.Text("containerPort")}' is not a port number");
                if (port.Text("name") is { Length: > 15 } portName)
                    problem($"container {name}: port name '{portName}' is longer than 15 characters");
            }

            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                if (container.At(probe, "httpGet", "port") is string probePort && !IsPort(probePort) && ports.All(p => p.Text("name") != probePort))
                    problem($"container {name}: {probe} uses port '{probePort}', which the container does not declare");
                // A gRPC probe takes a number only (no port names), and it must be one the container listens on.
                if (container.At(probe, "grpc", "port") is string grpcPort && (!IsPort(grpcPort) || ports.All(p => p.Text("containerPort") != grpcPort)))
                    problem($"container {name}: {probe} asks gRPC on port '{grpcPort}', which is not a containerPort of the container");
            }

            foreach (var mount in container.Maps("volumeMounts"))
            {
                if (!volumes.Contains(mount.Text("name")))
                    problem($"container {name}: volumeMount '{mount.Text("name")}' names no volume");
            }

            foreach (var source in container.Maps("envFrom"))
            {
                if (source.Text("configMapRef", "name") is { } map && chart.Named("ConfigMap", map) is null)
                    problem($"container {name}: envFrom ConfigMap '{map}' is not rendered");
            }

            foreach (var variable in container.Maps("env"))
            {
                if (string.IsNullOrEmpty(variable.Text("name")))
                    problem($"container {name}: an env entry has no name");
                if (variable.Map("valueFrom", "secretKeyRef") is { } secret && (secret.Text("name") is null || secret.Text("key") is null))
                    problem($"container {name}: env {variable.Text("name")} has a secretKeyRef without name or key");
            }
        }
    }

    private static void Service(RenderedChart chart, Manifest m, Action<string> problem)
    {
        var selector = m.Body.Map("spec", "selector");
        var targets = chart.Manifests.Where(w => w.IsWorkload && Selects(selector, w.Body.Map("spec", "template", "metadata", "labels"))).ToList();
        if (selector is null || targets.Count == 0)
        {
            problem("spec.selector selects no rendered workload");
            return;
        }

        var ports = m.Body.Maps("spec", "ports").ToList();
        if (ports.Count == 0)
            problem("spec.ports is empty");
        foreach (var port in ports)
        {
            if (!IsPort(port.Text("port")))
                problem($"port '{port.Text("port")}' is not a port number");
            var target = port.Text("targetPort");
            var declared = targets.SelectMany(t => t.Containers).SelectMany(c => c.Maps("ports")).Select(p => p.Text("name")).ToHashSet();
            if (target is not null && !IsPort(target) && !declared.Contains(target))
                problem($"targetPort '{target}' is not a port the selected pods declare");
        }
    }

    private static void Data(Manifest m, Action<string> problem)
    {
        foreach (var section in new[] { "data", "stringData" })
        {
            foreach (var key in m.Body.Map(section)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!ConfigKey().IsMatch(key))
                    problem($"{section} key '{key}' is not a valid ConfigMap/Secret key");
            }
        }
    }

    private static void Claim(Dictionary<string, object?>? spec, Action<string> problem)
    {
        if (spec.List("accessModes").Count == 0)
            problem("a claim has no accessModes");
        if (spec.Text("resources", "requests", "storage") is null)
            problem("a claim has no resources.requests.storage");
    }

    private static void DisruptionBudget(RenderedChart chart, Manifest m, Action<string> problem)
    {
        var spec = m.Body.Map("spec");
        if ((spec.At("minAvailable") is null) == (spec.At("maxUnavailable") is null))
            problem("exactly one of minAvailable and maxUnavailable must be set");
        SelectsAWorkload(chart, spec.Map("selector", "matchLabels"), problem);
    }

    private static void NetworkPolicy(RenderedChart chart, Manifest m, Action<string> problem)
    {
        SelectsAWorkload(chart, m.Body.Map("spec", "podSelector", "matchLabels"), problem);
        var types = m.Body.List("spec", "policyTypes").OfType<string>().ToList();
        if (types.Count == 0 || types.Any(t => t is not ("Ingress" or "Egress")))
            problem($"spec.policyTypes [{string.Join(", ", types)}] must be Ingress and/or Egress");
        if (m.Body.At("spec", "ingress") is not (null or List<object?>))
            problem("spec.ingress must be a list");
    }

    private static void Autoscaler(RenderedChart chart, Manifest m, Action<string> problem)
    {
        var spec = m.Body.Map("spec");
        ScaleTarget(chart, spec.Text("scaleTargetRef", "name"), problem);
        if (!int.TryParse(spec.Text("minReplicas"), CultureInfo.InvariantCulture, out var min) || min < 1)
            problem($"minReplicas '{spec.Text("minReplicas")}' must be at least 1");
        if (!int.TryParse(spec.Text("maxReplicas"), CultureInfo.InvariantCulture, out var max) || max < min)
            problem($"maxReplicas '{spec.Text("maxReplicas")}' must be at least minReplicas");
        if (spec.List("metrics").Count == 0)
            problem("spec.metrics is empty");
    }

    private static void ScaledObject(RenderedChart chart, Manifest m, Action<string> problem)
    {
        var spec = m.Body.Map("spec");
        ScaleTarget(chart, spec.Text("scaleTargetRef", "name"), problem);
        if (!int.TryParse(spec.Text("minReplicaCount"), CultureInfo.InvariantCulture, out var min) || min < 0
            || !int.TryParse(spec.Text("maxReplicaCount"), CultureInfo.InvariantCulture, out var max) || max < Math.Max(min, 1))
            problem("minReplicaCount/maxReplicaCount must be 0 ≤ min ≤ max, max ≥ 1");
        var triggers = spec.Maps("triggers").ToList();
        if (triggers.Count == 0)
            problem("spec.triggers is empty");
        foreach (var trigger in triggers)
        {
            if (string.IsNullOrEmpty(trigger.Text("type")) || trigger.Map("metadata") is null)
                problem("a trigger has no type or metadata");
            if (trigger.Text("authenticationRef", "name") is { } auth && chart.Named("TriggerAuthentication", auth) is null)
                problem($"trigger authenticationRef '{auth}' is not a rendered TriggerAuthentication");
        }
    }

    private static void TriggerAuthentication(Manifest m, Action<string> problem)
    {
        var refs = m.Body.Maps("spec", "secretTargetRef").ToList();
        if (refs.Count == 0 || refs.Any(r => r.Text("parameter") is null || r.Text("name") is null || r.Text("key") is null))
            problem("spec.secretTargetRef needs entries with parameter, name and key");
    }

    private static void DaprComponent(Manifest m, Action<string> problem)
    {
        if (string.IsNullOrEmpty(m.Body.Text("spec", "type")) || string.IsNullOrEmpty(m.Body.Text("spec", "version")))
            problem("spec.type and spec.version are required");
        foreach (var item in m.Body.Maps("spec", "metadata"))
        {
            var hasValue = item.At("value") is not null;
            var hasSecret = item.Map("secretKeyRef") is { } secret && secret.Text("name") is not null && secret.Text("key") is not null;
            if (item.Text("name") is null || hasValue == hasSecret)
                problem($"metadata item '{item.Text("name")}' needs a name and exactly one of value or secretKeyRef (name, key)");
        }
    }

    private static void ScaleTarget(RenderedChart chart, string? name, Action<string> problem)
    {
        if (name is null || chart.Named("Deployment", name) is null)
            problem($"scaleTargetRef '{name}' is not a rendered Deployment");
    }

    private static void SelectsAWorkload(RenderedChart chart, Dictionary<string, object?>? selector, Action<string> problem)
    {
        if (selector is null || !chart.Manifests.Any(w => w.IsWorkload && Selects(selector, w.Body.Map("spec", "template", "metadata", "labels"))))
            problem("its selector selects no rendered workload");
    }

    private static void Require(Dictionary<string, object?> body, string key, Action<string> problem)
    {
        if (body.At(key) is null)
            problem($"{key} is required");
    }

    private static bool Selects(Dictionary<string, object?>? selector, Dictionary<string, object?>? labels) =>
        selector is { Count: > 0 } && labels is not null
        && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && Equals(value, pair.Value));

    private static bool IsPort(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
