namespace Samsara.Contracts;

/// <summary>
/// The judge judged one <see cref="JudgePair"/> task. <see cref="IRunMessage.EventId"/> is fresh for every judging, so
/// a task judged twice (a replica killed after judging, before acknowledging) shows up twice and the collector can
/// keep the first and count the repeat.
/// </summary>
public sealed record PairJudged : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The <see cref="JudgePair"/> task's <see cref="IRunMessage.EventId"/>.</summary>
    public required Guid TaskId { get; init; }

    /// <summary>The judged item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The judgement, one judgements line (docs/architecture.md §9) as JSON text.</summary>
    public required string Judgement { get; init; }

    /// <summary>The judge replica that judged it (its configured instance name).</summary>
    public required string JudgedBy { get; init; }

    /// <summary>Whether the broker had delivered this task before (to a replica that did not acknowledge it).</summary>
    public required bool Redelivered { get; init; }
}
