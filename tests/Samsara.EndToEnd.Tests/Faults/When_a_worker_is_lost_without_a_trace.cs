using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The filter dies holding the run's FilterRun, and the command dies with it (taken off the queue behind the broker's
/// back, as a job acknowledged at once and lost with its process would be): nothing will ever report on the filtering.
/// The RunActor's reminder notices the silence, re-dispatches the command to the restarted filter, and the run
/// completes; the work logs show no finished work redone.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_a_worker_is_lost_without_a_trace(ClusterFixture fixture)
{
    private const int Prompts = 4;
    private const string FilterQueue = "samsara-filter";

    // Long enough that no healthy step of the tiny pipeline goes this long without a word, even on a busy machine.
    private static readonly Dictionary<string, string> Watchful = new()
    {
        ["Runs:StageSilenceTimeout"] = "00:00:20",
        ["Runs:SilenceCheckInterval"] = "00:00:02",
        ["Runs:MaxRedispatches"] = "3",
    };

    [Fact]
    public async Task The_reminder_re_dispatches_the_stage_and_the_run_completes()
    {
        var cluster = fixture.Cluster;
        cluster.Kill(Cluster.Gateway);
        await cluster.StartAsync(Cluster.Gateway, Watchful);
        try
        {
            var runs = new RunFollower(cluster);
            var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, shardSize: 2, TinyPipeline.Sft(2));
            cluster.Kill(Cluster.Filter);
            var run = await runs.StartAsync(spec);
            var lost = await TakeFilterRunAsync(cluster, run.Id);
            await cluster.StartAsync(Cluster.Filter);

            await runs.UntilFinalAsync(run.Id, RunState.Completed);

            new WorkLog(cluster, run.Id).AssertEachDoneOnce(spec, Prompts);
            var redispatched = cluster.LogsOf(Cluster.Gateway).Count(l => l.Contains($"Run {run.Id}: filter re-dispatched", StringComparison.Ordinal));
            Assert.True(redispatched >= 1, $"the gateway never re-dispatched the filtering (lost command {lost})\n{cluster.Tails()}");
        }
        finally
        {
            // The other scenarios run against the gateway as the cluster usually starts it.
            cluster.Kill(Cluster.Gateway);
            await cluster.StartAsync(Cluster.Gateway);
        }
    }

    /// <summary>Waits for the run's FilterRun on the dead filter's queue and takes it away; returns its event id.</summary>
    private static async Task<string> TakeFilterRunAsync(Cluster cluster, string runId)
    {
        var taken = await new BrokerMessages(cluster.Vhost).WaitToTakeAsync(FilterQueue, m => m.GetProperty("runId").GetString() == runId, RunFollower.Generous);
        Assert.True(taken is not null, $"no FilterRun of run {runId} reached {FilterQueue}\n{cluster.Tails()}");
        return taken.Message.GetProperty("eventId").GetString()!;
    }
}
