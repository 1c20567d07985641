using Samsara.Contracts;

namespace Samsara.Messaging.Tests.Support;

/// <summary>Valid messages for a run, each with a fresh event id unless one is given.</summary>
internal static class Sample
{
    public static RunRequested RunRequested(Guid runId, Guid? eventId = null) => new()
    {
        RunId = runId,
        EventId = eventId ?? EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        SpecPath = $"runs/{runId:D}/request/spec.yaml",
    };

    public static GenerateShard GenerateShard(Guid runId, int shard = 0) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, $"generate-shard/{shard}"),
        OccurredAt = DateTimeOffset.UtcNow,
        SpecPath = $"runs/{runId:D}/request/spec.yaml",
        ShardIndex = shard,
        ShardCount = 4,
        Iteration = null,
    };

    public static GenerationShardCompleted GenerationShardCompleted(Guid runId, int shard = 0) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, $"generation-shard-completed/{shard}"),
        OccurredAt = DateTimeOffset.UtcNow,
        ShardIndex = shard,
        ShardCount = 4,
        ArtifactPath = $"runs/{runId:D}/generation/shard-{shard:D4}.jsonl",
        Iteration = null,
    };

    public static FilteringCompleted FilteringCompleted(Guid runId) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, "filtering-completed"),
        OccurredAt = DateTimeOffset.UtcNow,
        ReadCount = 400,
        KeptCount = 123,
        ArtifactPath = $"runs/{runId:D}/filtering/kept.jsonl",
        Iteration = null,
    };

    public static TrainingProgress TrainingProgress(Guid runId, int step = 1) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, $"training-progress/{step}"),
        OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sami,
        Step = step,
        TotalSteps = 10,
        Loss = 0.3255,
        Metrics = new Dictionary<string, double> { ["mi_lower_bound"] = 0.3676 },
        Iteration = 1,
    };

    public static TrainingCompleted TrainingCompleted(Guid runId) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, "training-completed"),
        OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sami,
        CheckpointPath = $"runs/{runId:D}/training/checkpoint",
        Iteration = 1,
    };

    public static EvaluationTask EvaluationTask(Guid runId, int batch = 0) => new()
    {
        RunId = runId,
        EventId = EventIds.For(runId, $"evaluation-task/judge/sft-vs-base/0/{batch}"),
        OccurredAt = DateTimeOffset.UtcNow,
        Task = new EvaluationTaskSpec { Id = $"judge/sft-vs-base/0/{batch}", Kind = EvaluationTaskKind.JudgeBatch, ModelA = "sft", ModelB = "base", Batch = batch, BatchSize = 16 },
    };
}
