using Grpc.Core;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The gateway is SIGKILLed while a run trains and started again on its state file: GetRun answers at once, WatchRun
/// replays the history before the live events, the events published while it was down wait in its queue, and the
/// run completes.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_the_gateway_restarts_mid_run(ClusterFixture fixture)
{
    private const int Prompts = 4;

    [Fact]
    public async Task GetRun_and_WatchRun_still_work_and_the_run_completes()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, shardSize: 2, TinyPipeline.Sft(30));   // long enough that the run usually still trains when the new gateway is up
        var run = await runs.StartAsync(spec);
        var before = await runs.UntilAsync(run.Id, r => r.State == RunState.Training, "training");

        cluster.Kill(Cluster.Gateway);
        await cluster.StartAsync(Cluster.Gateway);

        var after = await cluster.Client().GetRunAsync(new GetRunRequest { RunId = run.Id });
        Assert.True(after.State >= RunState.Training, $"the restarted gateway forgot the run: {after}");
        Assert.Equal(before.Artifacts.Select(a => a.Path), after.Artifacts.Take(before.Artifacts.Count).Select(a => a.Path));

        using var timeout = new CancellationTokenSource(RunFollower.Generous);
        var events = new List<RunEvent>();
        using var watch = cluster.Client().WatchRun(new WatchRunRequest { RunId = run.Id }, cancellationToken: timeout.Token);
        await foreach (var e in watch.ResponseStream.ReadAllAsync(timeout.Token)) events.Add(e);

        var states = events.Where(e => e.KindCase == RunEvent.KindOneofCase.StateChanged).Select(e => e.StateChanged).ToList();
        Assert.Equal([RunState.Generating, RunState.Filtering, RunState.Training, RunState.Evaluating, RunState.Completed], states);
        Assert.Equal(RunState.Generating, events[0].StateChanged);   // the history first, from before the restart
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.True(RunTransitions.IsFinal((await cluster.Client().GetRunAsync(new GetRunRequest { RunId = run.Id })).State));
        new WorkLog(cluster, run.Id).AssertEachDoneOnce(spec, Prompts);
    }
}
