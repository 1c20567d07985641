namespace Samsara.Contracts;

/// <summary>Command to the judge: every model of the run is trained; evaluate them into the run's report.</summary>
/// <remarks>A report already written is only announced again, so a re-dispatched command redoes nothing.</remarks>
public sealed record EvaluateRun : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }
}
