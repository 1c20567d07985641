using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>The events the workers publish for a run, with the ids they would derive (EventIds.For).</summary>
public static class StageEvents
{
    public static GenerationShardCompleted Shard(Guid runId, int index, int count) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, $"generation-shard-completed/{index}"), OccurredAt = DateTimeOffset.UtcNow,
        ShardIndex = index, ShardCount = count, ArtifactPath = $"runs/{runId:D}/generation/shard-{index:D4}.jsonl",
        Iteration = null,
    };

    public static FilteringCompleted Filtered(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "filtering-completed"), OccurredAt = DateTimeOffset.UtcNow,
        ReadCount = 520, KeptCount = 400, ArtifactPath = $"runs/{runId:D}/filter/kept.jsonl",
        Iteration = null,
    };

    public static TrainingProgress Step(Guid runId, int step) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, $"training-progress/sami/{step}"), OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sami, Step = step, TotalSteps = 10, Loss = 1.0 / step, Metrics = new Dictionary<string, double> { ["mi_lower_bound"] = step * 0.1 },
        Iteration = 1,
    };

    public static TrainingCompleted Trained(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "training-completed/sami"), OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sami, CheckpointPath = $"runs/{runId:D}/train/sami", Iteration = 1,
    };

    public static EvaluationCompleted Evaluated(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "evaluation-completed"), OccurredAt = DateTimeOffset.UtcNow,
        ReportPath = $"runs/{runId:D}/evaluation/report.json",
        Metrics = new Dictionary<string, double> { ["eval:base/strict/pass@1"] = 0.25, ["eval:sami/strict/pass@1"] = 0.5 },
    };

    public static StageFaulted Faulted(Guid runId, string reason) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "stage-faulted/training"), OccurredAt = DateTimeOffset.UtcNow,
        Stage = PipelineStage.Training, Reason = reason,
    };

    // What the generator, filter, trainer and judge would publish for a 3-shard SAMI run. Each stage starts on the
    // previous one's event, so the test waits for each to be applied, as that causal order holds in the pipeline.
    public static async Task PublishPipelineAsync(GatewayServer server, Guid runId)
    {
        var bus = server.Services.GetRequiredService<IBus>();
        var client = new GatewayClient(server.CreateChannel());
        var id = runId.ToString("D");
        await client.WaitForAsync(id, r => r.State == RunState.Generating);
        for (var i = 2; i >= 0; i--) await bus.Publish(StageEvents.Shard(runId, i, 3));
        await client.WaitForAsync(id, r => r.Stages.Any(s => s.Stage == "generate" && s.Done == 3));
        await bus.Publish(StageEvents.Filtered(runId));
        await client.WaitForAsync(id, r => r.State == RunState.Training);
        await bus.Publish(StageEvents.Step(runId, 1));
        await client.WaitForAsync(id, r => r.Stages.Any(s => s.Stage == "train:sami"));
        await bus.Publish(StageEvents.Step(runId, 2));
        await bus.Publish(StageEvents.Trained(runId));
        await client.WaitForAsync(id, r => r.Artifacts.Any(a => a.Stage == "train:sami") && r.Stages.Any(s => s.Stage == "train:sami" && s.Done == 2));
        await bus.Publish(StageEvents.Evaluated(runId));
    }
}
