namespace Samsara.Contracts;

/// <summary>
/// A judge finished one <see cref="EvaluationTask"/> (all but the report, whose completion is
/// <see cref="EvaluationCompleted"/>). Its <see cref="IRunMessage.EventId"/> derives from the run and the task, so a
/// task done or announced twice is recorded once.
/// </summary>
public sealed record EvaluationTaskCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    public required EvaluationTaskSpec Task { get; init; }

    /// <summary>What the task produced, counted: an answer task's answers (the items each comparison judges), else 0.</summary>
    public required int Items { get; init; }
}
