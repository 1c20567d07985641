namespace Samsara.Contracts;

/// <summary>
/// Command to the judges: judge one batch of a judging job — the pairs a <c>JudgeService</c> caller sent, split into
/// batches on the replica that took the call. Any judge replica takes any batch, as it takes a run's judge batches
/// (<see cref="EvaluationTask"/>); the verdicts go back to the caller as the response,
/// <see cref="JudgeJobBatchJudged"/>. The items travel in the message (a batch is a few pairs), so a replica needs
/// nothing but the message. The message is acknowledged after the response is sent: a replica killed mid-batch leaves
/// it to the broker, which gives it to another replica, and the judgement cache spares the calls already paid for.
/// </summary>
/// <remarks>Sent to the judge's queue, like the run's tasks, so KEDA scales judges on it too.</remarks>
public sealed record JudgeJobBatch
{
    /// <summary>The judging job (one <c>JudgeService.Judge</c> call) the batch belongs to.</summary>
    public required Guid JobId { get; init; }

    /// <summary>The batch's identity, derived from the job and the batch index (a redelivery keeps it).</summary>
    public required Guid EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The batch's index among its job's <see cref="Of"/> batches.</summary>
    public required int Batch { get; init; }

    public required int Of { get; init; }

    /// <summary>The judge, as <c>openai:URL#MODEL</c>, <c>logprob:DIR</c> or <c>rubric[:CHECKS]</c>.</summary>
    public required string Judge { get; init; }

    /// <summary>"principles" (does each response follow the constitution) or "mtbench" (principle-free).</summary>
    public required string Prompt { get; init; }

    /// <summary>"both" (both orders, disagreement = tie) or "random" (one order from <see cref="Seed"/> and the item id).</summary>
    public required string Protocol { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>The names recorded with each verdict.</summary>
    public required string ModelA { get; init; }

    public required string ModelB { get; init; }

    /// <summary>Items of the batch judged at once.</summary>
    public required int Concurrency { get; init; }

    public required IReadOnlyList<JudgeJobItem> Items { get; init; }
}
