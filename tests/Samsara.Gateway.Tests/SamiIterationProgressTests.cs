using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests;

/// <summary>
/// Iterated SAMI: a later iteration's generation, filtering and training happen while the run is Training (its state only
/// moves forward), and show as stages of their own, named by iteration; the flow moves to Evaluating after the last.
/// </summary>
public sealed class SamiIterationProgressTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task A_later_iteration_is_reported_as_its_own_stages_while_the_run_stays_Training()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());
        var spec = GatewayWorkspace.ValidSpec();
        spec.Training[0].Iterations = 2;
        var run = await client.StartAsync(spec);
        var runId = Guid.Parse(run.Id);
        var bus = server.Services.GetRequiredService<IBus>();
        var second = new SamiIteration { Algorithm = TrainingAlgorithm.Sami, Number = 2 };
        await client.WaitForAsync(run.Id, r => r.State == RunState.Generating);
        for (var i = 0; i < 3; i++) await bus.Publish(StageEvents.Shard(runId, i, 3));
        await client.WaitForAsync(run.Id, r => r.Stages.Any(s => s.Stage == "generate" && s.Done == 3));
        await bus.Publish(StageEvents.Filtered(runId));
        await client.WaitForAsync(run.Id, r => r.State == RunState.Training);
        await bus.Publish(StageEvents.Trained(runId));
        await client.WaitForAsync(run.Id, r => r.Artifacts.Any(a => a.Stage == "train:sami"));

        for (var i = 0; i < 3; i++)
            await bus.Publish(StageEvents.Shard(runId, i, 3) with { EventId = EventIds.For(runId, $"iter2/sami/generate/{i}"), Iteration = second });
        await client.WaitForAsync(run.Id, r => r.Stages.Any(s => s.Stage == "generate:sami:iter2" && s.Done == 3));
        await bus.Publish(StageEvents.Filtered(runId) with { EventId = EventIds.For(runId, "iter2/sami/filter"), Iteration = second, KeptCount = 300 });
        await client.WaitForAsync(run.Id, r => r.Stages.Any(s => s.Stage == "filter:sami:iter2"));
        await bus.Publish(StageEvents.Step(runId, 1) with { EventId = EventIds.For(runId, "train/sami/iter2/step/1"), Iteration = 2 });
        await client.WaitForAsync(run.Id, r => r.Stages.Any(s => s.Stage == "train:sami:iter2"));
        await bus.Publish(StageEvents.Trained(runId) with { EventId = EventIds.For(runId, "train/sami/iter2"), Iteration = 2, CheckpointPath = $"runs/{runId:D}/models/sami" });
        var evaluating = await client.WaitForAsync(run.Id, r => r.State == RunState.Evaluating);

        Assert.Equal((3UL, 3UL), evaluating.Stages.Where(s => s.Stage == "generate").Select(s => (s.Done, s.Total)).Single());
        Assert.Equal((300UL, 520UL), evaluating.Stages.Where(s => s.Stage == "filter:sami:iter2").Select(s => (s.Done, s.Total)).Single());
        Assert.Equal((400UL, 520UL), evaluating.Stages.Where(s => s.Stage == "filter").Select(s => (s.Done, s.Total)).Single());
        Assert.Equal(["generate", "filter", "train:sami", "generate:sami:iter2", "filter:sami:iter2", "train:sami:iter2"], evaluating.Artifacts.Select(a => a.Stage).Distinct());
        await bus.Publish(StageEvents.Evaluated(runId));
        var history = await client.WatchToEndAsync(run.Id);
        Assert.Equal([RunState.Generating, RunState.Filtering, RunState.Training, RunState.Evaluating, RunState.Completed],
            history.Where(e => e.KindCase == RunEvent.KindOneofCase.StateChanged).Select(e => e.StateChanged));
    }

    public void Dispose() => workspace.Dispose();
}
