using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Gateway.Runs;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests;

/// <summary>
/// A run followed through the pipeline on the in-memory bus: the test publishes what the workers would, and
/// GetRun and WatchRun must follow, idempotently, across a gateway restart.
/// </summary>
public sealed class RunLifecycleTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task Stage_events_carry_a_run_to_Completed_and_a_late_watcher_gets_the_history()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        Assert.Equal(RunState.Pending, run.State);
        Assert.True(File.Exists(Path.Combine(workspace.Artifacts, RunWorkspace.SpecInStore(Guid.Parse(run.Id)))));

        await StageEvents.PublishPipelineAsync(server, Guid.Parse(run.Id));
        var done = await client.WaitForAsync(run.Id, r => r.State == RunState.Completed);

        Assert.Equal(3UL, done.Stages.Single(s => s.Stage == "generate").Done);
        Assert.Equal(3UL, done.Stages.Single(s => s.Stage == "generate").Total);
        Assert.Equal((400UL, 520UL), done.Stages.Where(s => s.Stage == "filter").Select(s => (s.Done, s.Total)).Single());
        Assert.Equal(2UL, done.Stages.Single(s => s.Stage == "train:sami").Done);
        Assert.Equal(0.5, done.Metrics.Single(m => m.Name == "train:sami/loss").Value);
        Assert.Equal(0.5, done.Metrics.Single(m => m.Name == "eval:sami/strict/pass@1").Value);
        Assert.Equal(0.25, done.Metrics.Single(m => m.Name == "eval:base/strict/pass@1").Value);
        Assert.Equal(["generate", "generate", "generate", "filter", "train:sami", "evaluate"], done.Artifacts.Select(a => a.Stage));

        var history = await client.WatchToEndAsync(run.Id);
        Assert.Equal([RunState.Generating, RunState.Filtering, RunState.Training, RunState.Evaluating, RunState.Completed], States(history));
        // The figures come before Completed, while the run still takes them; a late watcher sees them too.
        Assert.Equal(RunEvent.KindOneofCase.Evaluation, history[^2].KindCase);
        Assert.Equal(2, history[^2].Evaluation.Metrics.Count);
        Assert.Equal(history.Count, history.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task A_live_watcher_sees_each_event_as_it_is_applied_until_the_final_state()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        await client.WaitForAsync(run.Id, r => r.State == RunState.Generating);

        var watching = client.WatchToEndAsync(run.Id);
        await Task.Delay(300);   // the watcher has replayed the history and waits for live events
        await StageEvents.PublishPipelineAsync(server, Guid.Parse(run.Id));
        var events = await watching;

        Assert.Equal(RunState.Completed, events[^1].StateChanged);
        Assert.Equal([RunState.Generating, RunState.Filtering, RunState.Training, RunState.Evaluating, RunState.Completed], States(events));
    }

    [Fact]
    public async Task A_duplicate_event_is_applied_once()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        var runId = Guid.Parse(run.Id);
        var bus = server.Services.GetRequiredService<IBus>();

        var shard = StageEvents.Shard(runId, 1, 3);
        await bus.Publish(shard);
        await bus.Publish(shard);   // redelivered: the queue's idempotency filter skips it
        await bus.Publish(StageEvents.Shard(runId, 1, 3) with { EventId = Guid.NewGuid() });   // re-sent with a new id: the actor counts shards, not messages
        await bus.Publish(StageEvents.Shard(runId, 2, 3));
        var after = await client.WaitForAsync(run.Id, r => r.Stages.Any(s => s.Stage == "generate" && s.Done == 2));
        // And past the bus: the same events handed to the actor again change nothing.
        var applier = server.Services.GetRequiredService<RunEventApplier>();
        await applier.ApplyAsync(shard, RunEvents.State(shard, RunState.Generating));

        var again = await client.GetAsync(run.Id);
        Assert.Equal(2UL, again.Stages.Single(s => s.Stage == "generate").Done);
        Assert.Equal(2, again.Artifacts.Count(a => a.Stage == "generate"));
        Assert.Equal(after.UpdatedAt, again.UpdatedAt);
    }

    [Fact]
    public async Task A_faulted_stage_fails_the_run_with_its_reason()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        await server.Services.GetRequiredService<IBus>().Publish(StageEvents.Faulted(Guid.Parse(run.Id), "CUDA out of memory"));

        var failed = await client.WaitForAsync(run.Id, r => r.State == RunState.Failed);
        Assert.Equal("Training: CUDA out of memory", failed.Error);
        var events = await client.WatchToEndAsync(run.Id);
        Assert.Equal("Training: CUDA out of memory", events[^1].Reason);
    }

    [Fact]
    public async Task CancelRun_marks_the_run_Cancelled_and_later_stage_events_do_not_revive_it()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());

        var cancelled = await client.CancelAsync(run.Id, "wrong prompts");
        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.Equal("wrong prompts", cancelled.Error);
        await server.Services.GetRequiredService<IBus>().Publish(StageEvents.Filtered(Guid.Parse(run.Id)));
        await Task.Delay(300);
        Assert.Equal(RunState.Cancelled, (await client.GetAsync(run.Id)).State);
        Assert.Equal(RunState.Cancelled, (await client.WatchToEndAsync(run.Id))[^1].StateChanged);
    }

    [Fact]
    public async Task After_a_restart_on_the_same_state_file_GetRun_and_WatchRun_still_work()
    {
        string runId;
        await using (var first = await GatewayServer.StartAsync(workspace))
        {
            var client = new GatewayClient(first.CreateChannel());
            runId = (await client.StartAsync(GatewayWorkspace.ValidSpec(), "restart-key")).Id;
            await StageEvents.PublishPipelineAsync(first, Guid.Parse(runId));
            await client.WaitForAsync(runId, r => r.State == RunState.Completed);
        }

        await using var second = await GatewayServer.StartAsync(workspace);
        var again = new GatewayClient(second.CreateChannel());
        Assert.Equal(RunState.Completed, (await again.GetAsync(runId)).State);
        Assert.Equal(RunState.Completed, (await again.WatchToEndAsync(runId))[^1].StateChanged);
        // The idempotency key outlives the restart too.
        Assert.Equal(runId, (await again.StartAsync(GatewayWorkspace.ValidSpec(), "restart-key")).Id);
    }

    public void Dispose() => workspace.Dispose();

    private static RunState[] States(IEnumerable<RunEvent> events) =>
        events.Where(e => e.KindCase == RunEvent.KindOneofCase.StateChanged).Select(e => e.StateChanged).ToArray();
}
