using Samsara.Contracts;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>The events the workers publish for a run, with the ids they would derive (EventIds.For).</summary>
public static class StageEvents
{
    public static GenerationShardCompleted Shard(Guid runId, int index, int count) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, $"generation-shard-completed/{index}"), OccurredAt = DateTimeOffset.UtcNow,
        ShardIndex = index, ShardCount = count, ArtifactPath = $"runs/{runId:D}/generation/shard-{index:D4}.jsonl",
    };

    public static FilteringCompleted Filtered(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "filtering-completed"), OccurredAt = DateTimeOffset.UtcNow,
        ReadCount = 520, KeptCount = 400, ArtifactPath = $"runs/{runId:D}/filter/kept.jsonl",
    };

    public static TrainingProgress Step(Guid runId, int step) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, $"training-progress/sami/{step}"), OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = "sami", Step = step, TotalSteps = 10, Loss = 1.0 / step, Metrics = new Dictionary<string, double> { ["mi_lower_bound"] = step * 0.1 },
    };

    public static TrainingCompleted Trained(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.For(runId, "training-completed/sami"), OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = "sami", CheckpointPath = $"runs/{runId:D}/train/sami", IsLast = true,
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
}
