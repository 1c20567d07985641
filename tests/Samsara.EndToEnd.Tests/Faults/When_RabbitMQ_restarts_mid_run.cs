using Samsara.Testing.Broker;
using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The broker stops while a run is generating (every connection drops; durable queues and their messages stay) and
/// starts again: the services reconnect, unacknowledged deliveries come back, and the run completes with every shard,
/// filtering, training step and report done once. It restarts the shared broker, so it is the only test that does.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_RabbitMQ_restarts_mid_run(ClusterFixture fixture)
{
    private const int Prompts = 24;

    [Fact]
    public async Task The_run_completes_and_no_finished_work_is_redone()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, shardSize: 8, TinyPipeline.Sft(3));
        var run = await runs.StartAsync(spec);
        await runs.UntilAsync(run.Id, r => RunFollower.Progressed(r, "generate", 1), "a generation shard done");

        await RabbitMqVhost.RestartBrokerAsync(down: TimeSpan.FromSeconds(2));

        var done = await runs.UntilFinalAsync(run.Id, RunState.Completed);
        new WorkLog(cluster, run.Id).AssertEachDoneOnce(spec, Prompts);
        Assert.Contains(done.Metrics, m => m.Name == "eval:sft/strict/pass@1");
    }
}
