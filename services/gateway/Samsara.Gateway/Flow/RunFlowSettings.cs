using System.ComponentModel.DataAnnotations;

namespace Samsara.Gateway.Flow;

/// <summary>
/// The <c>Runs</c> configuration section: how the RunActor's reminder watches for a silent stage. A stage that reports
/// nothing (no progress, no completion) for <see cref="StageSilenceTimeout"/> is re-dispatched; after
/// <see cref="MaxRedispatches"/> re-dispatches without a word the run fails, naming the stage.
/// </summary>
public sealed class RunFlowSettings
{
    public const string SectionName = "Runs";

    /// <summary>How long a stage may report nothing. Long enough for the slowest step between two reports (a shard on a CPU).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StageSilenceTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the reminder looks (its period).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SilenceCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Items per judge batch: one evaluation task judges this many items of one comparison under one judge.</summary>
    [Range(1, 100_000)]
    public int JudgeBatchItems { get; set; } = 16;

    /// <summary>How many times a silent stage is re-dispatched before the run fails.</summary>
    [Range(0, 100)]
    public int MaxRedispatches { get; set; } = 3;
}
