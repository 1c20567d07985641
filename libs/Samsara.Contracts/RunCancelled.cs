namespace Samsara.Contracts;

/// <summary>The run is cancelled: its state is final and no stage will pick it up again.</summary>
public sealed record RunCancelled : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Why, as given in <see cref="CancelRunRequested"/>.</summary>
    public required string Reason { get; init; }
}
