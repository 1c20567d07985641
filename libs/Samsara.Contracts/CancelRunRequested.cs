namespace Samsara.Contracts;

/// <summary>Someone asked to cancel a run; stages stop at their next safe point.</summary>
/// <remarks>An event rather than a command: every stage that may hold work for the run must hear it.</remarks>
public sealed record CancelRunRequested : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Why, as given by the caller.</summary>
    public required string Reason { get; init; }
}
