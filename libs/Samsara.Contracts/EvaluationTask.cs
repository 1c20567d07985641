namespace Samsara.Contracts;

/// <summary>
/// Command to the judges: do one task of a run's evaluation. Any judge replica takes it; its result is a file in the
/// run's workspace (written atomically), so a redelivered or re-dispatched task finds finished work and only
/// announces it again (<see cref="EvaluationTaskCompleted"/>).
/// </summary>
/// <remarks>Sent to the judge's queue rather than published, so KEDA can scale judges on its length.</remarks>
public sealed record EvaluationTask : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    public required EvaluationTaskSpec Task { get; init; }
}
