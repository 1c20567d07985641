using Microsoft.Extensions.Logging;
using Samsara.Contracts;

namespace Samsara.Stages.Internal;

/// <summary>The stages' log messages, source-generated. An algorithm is logged by its workspace name (sft, sftsami), as its folders are.</summary>
internal static partial class StagesLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run {RunId}: {ShardCount} generation shards requested")]
    public static partial void ShardsPlanned(ILogger logger, Guid runId, int shardCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId}: generation shard {Shard} of {ShardCount} written")]
    public static partial void ShardGenerated(ILogger logger, Guid runId, int shard, int shardCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Run {RunId}: waiting for {Missing} of {ShardCount} generation shards")]
    public static partial void WaitingForShards(ILogger logger, Guid runId, int missing, int shardCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Run {RunId}: filter kept {Kept} of {Read} generations")]
    public static partial void Filtered(ILogger logger, Guid runId, long kept, long read);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Run {RunId}: already filtered; announcing it again")]
    public static partial void AlreadyFiltered(ILogger logger, Guid runId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Run {RunId}: {Algorithm} trained into {Checkpoint}")]
    public static partial void Trained(ILogger logger, Guid runId, string algorithm, string checkpoint);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Run {RunId}: training stopped, the run was cancelled")]
    public static partial void TrainingCancelled(ILogger logger, Guid runId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Run {RunId}: evaluation report written to {ReportPath}")]
    public static partial void Evaluated(ILogger logger, Guid runId, string reportPath);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Run {RunId}: stage {Stage} failed: {Reason}")]
    public static partial void StageFaulted(ILogger logger, PipelineStage stage, Guid runId, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Run {RunId}: cancelled; {Stage} skips it")]
    public static partial void SkippedCancelled(ILogger logger, Guid runId, PipelineStage stage);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Run {RunId}: generation shard {Shard} stopped, the run was cancelled")]
    public static partial void ShardCancelled(ILogger logger, Guid runId, int shard);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Run {RunId}: generation shard {Shard}: {Note}")]
    public static partial void ShardNote(ILogger logger, Guid runId, int shard, string note);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Run {RunId}: {Algorithm} step {Step} of {TotalSteps} done, loss {Loss}")]
    public static partial void TrainingStep(ILogger logger, Guid runId, string algorithm, int step, int totalSteps, double loss);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Run {RunId}: {Algorithm} already trained; announcing it again")]
    public static partial void AlreadyTrained(ILogger logger, Guid runId, string algorithm);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Generate stopped after {Done} of {Total} prompts: the call was cancelled or its deadline passed")]
    public static partial void GenerateStopped(ILogger logger, int done, int total);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Run {RunId}: evaluation progress not published ({Reason}); the rest of it is dropped, the evaluation goes on")]
    public static partial void ProgressDropped(ILogger logger, Guid runId, string reason);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "Run {RunId}: evaluation task {TaskId} done ({Items} items)")]
    public static partial void EvaluationTaskDone(ILogger logger, Guid runId, string taskId, int items);

    [LoggerMessage(EventId = 18, Level = LogLevel.Information, Message = "Run {RunId}: evaluation task {TaskId} already done; announcing it again")]
    public static partial void EvaluationTaskAlreadyDone(ILogger logger, Guid runId, string taskId);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Judging job {JobId}: batch {Batch} dropped, the job's caller has gone")]
    public static partial void JudgeJobBatchDropped(ILogger logger, Guid jobId, int batch);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Judging job {JobId}: its caller left with {Pending} of {Batches} batches outstanding; they will be dropped")]
    public static partial void JudgeJobAbandoned(ILogger logger, Guid jobId, int pending, int batches);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Judging job {JobId}: batch {Batch} of {Of} judged ({Items} items)")]
    public static partial void JudgeJobBatchJudged(ILogger logger, Guid jobId, int batch, int of, int items);
}
