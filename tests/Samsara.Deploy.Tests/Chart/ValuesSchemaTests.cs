using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>values.schema.json refuses bad values before anything is rendered, naming the value and the rule.</summary>
public sealed class ValuesSchemaTests
{
    public static TheoryData<string, string> BadValues => new()
    {
        { "generator.replicas=-1", "generator.replicas: Must be greater than or equal to 0" },
        { "filter.replicas=-3", "filter.replicas: Must be greater than or equal to 0" },
        { "judge.autoscaling.minReplicas=-1", "judge.autoscaling.minReplicas: Must be greater than or equal to 0" },
        { "gateway.replicas=0", "gateway.replicas: Must be greater than or equal to 1" },
        { "trainer.gpus=0", "trainer.gpus: Must be greater than or equal to 1" },
        { "trainer.replicas=two", "trainer.replicas: Invalid type. Expected: integer, given: string" },
        { "dapr.enabled=yes", "dapr.enabled: Invalid type. Expected: boolean, given: string" },
        { "gateway.grpcPort=70000", "gateway.grpcPort: Must be less than or equal to 65535" },
        { "gateway.bogus=1", "gateway: Additional property bogus is not allowed" },
        { "trainer.gpu=1", "trainer: Additional property gpu is not allowed" },
        { "unknownTopLevel=1", "Additional property unknownTopLevel is not allowed" },
        { "dapr.stateStore.type=mysql", "dapr.stateStore.type: dapr.stateStore.type must be one of the following" },
        { "keda.rabbitmq.protocol=mqtt", "keda.rabbitmq.protocol: keda.rabbitmq.protocol must be one of the following" },
        { "gateway.apiKeys.keys[0].name=x,gateway.apiKeys.keys[0].sha256=abc", "gateway.apiKeys.keys.0.sha256: Does not match pattern" },
        { "readOnlyRoots[0].name=models,readOnlyRoots[0].mountPath=models,readOnlyRoots[0].claimName=c", "readOnlyRoots.0.mountPath: Does not match pattern" },
        { "readOnlyRoots[0].name=models,readOnlyRoots[0].mountPath=/models", "readOnlyRoots.0: claimName is required" },
        { "logLevel=Verbose", "logLevel: logLevel must be one of the following" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_values_are_refused_with_a_message_naming_them(string set, string message)
    {
        var result = Helm.Template(ChartVariant.Default, set);
        Assert.True(result.ExitCode != 0, $"--set {set} was accepted:\n{result.Describe()}");
        Assert.Contains("values don't meet the specifications of the schema", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generator.replicas=0")]
    [InlineData("gateway.replicas=1")]
    [InlineData("trainer.gpus=8")]
    [InlineData("generator.podDisruptionBudget.maxUnavailable=50%")]
    public void Good_values_near_the_limits_are_accepted(string set)
    {
        var result = Helm.Template(ChartVariant.Default, set);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void The_production_example_is_valid_against_the_schema()
    {
        var result = Helm.Template(ChartVariant.Production);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void A_redis_store_without_its_host_is_refused_by_name()
    {
        var result = Helm.Template(ChartVariant.Production, "dapr.stateStore.type=redis");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dapr.stateStore.redisHost (host:port) is required", result.Error, StringComparison.Ordinal);
    }
}
