namespace Samsara.Stages.Judging;

/// <summary><c>Judging</c>: how a judge replica does its tasks (<c>EvaluationTask</c>, <c>JudgeJobBatch</c>).</summary>
public sealed class JudgingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Judging";

    /// <summary>
    /// Tasks (<c>EvaluationTask</c>, <c>JudgeJobBatch</c>) this replica takes at once from the judge's queue. One by
    /// default: a local model's task keeps the CPU or GPU busy; raise it for judges that mostly wait on an endpoint.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int ConcurrentTasks { get; set; } = 1;

    /// <summary>
    /// Pairs per batch of a judging job (a <c>JudgeService</c> call), the unit judge replicas share; as a run's
    /// judge batches (<c>Runs:JudgeBatchItems</c>).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int JobBatchItems { get; set; } = 16;

    /// <summary>
    /// How long a judging job waits for one batch's verdicts before it fails (a queue with no judge replica to take
    /// it); the batch expires from the queue then too.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_080)]
    public int JobBatchTimeoutMinutes { get; set; } = 60;

    /// <summary>A SQLite file of judge calls already made (a path on the replica's volume); empty: no cache.</summary>
    public string? CachePath { get; set; }

    /// <summary>Where the log-prob judge's models run: cpu, cuda or cuda:N.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>This replica's name in <c>JudgeJobBatchJudged.JudgedBy</c>; empty: host name and process id.</summary>
    public string? Instance { get; set; }

    /// <summary>The settings of the OpenAI-compatible judge endpoints.</summary>
    public JudgeEndpointOptions OpenAi { get; set; } = new();
}
