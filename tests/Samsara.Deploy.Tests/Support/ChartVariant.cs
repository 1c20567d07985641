namespace Samsara.Deploy.Tests.Support;

/// <summary>One way of installing the chart: values files from charts/samsara/examples and --set values.</summary>
public sealed record ChartVariant(string Name, IReadOnlyList<string> ValuesFiles, IReadOnlyList<string> Sets)
{
    /// <summary>values.yaml alone: the embedded Dapr sidecar on a StatefulSet, HPA scaling, no Dapr or KEDA needed.</summary>
    public static ChartVariant Default { get; } = new("default", [], []);

    /// <summary>examples/production.yaml: Dapr on PostgreSQL, KEDA, GPU generator and judge, two trainers.</summary>
    public static ChartVariant Production { get; } = new("production", ["production.yaml"], []);

    /// <summary>Production with a Redis actor store and API keys given in values (the chart makes their Secret).</summary>
    public static ChartVariant RedisWithKeys { get; } = new("redis-with-keys", ["production.yaml"],
    [
        "dapr.stateStore.type=redis", "dapr.stateStore.redisHost=redis-master:6379", "dapr.stateStore.secretKey=password",
        "gateway.apiKeys.keys[0].name=ci", $"gateway.apiKeys.keys[0].sha256={new string('a', 64)}", "gateway.apiKeys.keys[0].admin=true",
    ]);

    public static IReadOnlyList<ChartVariant> All { get; } = [Default, Production, RedisWithKeys];

    /// <summary>For [MemberData]: every variant, by name.</summary>
    public static TheoryData<string> Names => [.. All.Select(v => v.Name)];

    public static ChartVariant Named(string name) => All.Single(v => v.Name == name);

    internal IEnumerable<string> Arguments =>
        ValuesFiles.SelectMany(f => new[] { "--values", Path.Combine(Helm.ExamplesDirectory, f) })
            .Concat(Sets.SelectMany(s => new[] { "--set", s }));

    public override string ToString() => Name;
}
