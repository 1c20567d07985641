namespace Samsara.Contracts;

/// <summary>
/// The evaluation advanced (sent every few seconds per part, and when a part finishes): accuracy samples of a
/// model (<c>eval:sft</c>), its responses to the held-out prompts (<c>respond:sft</c>), or the judging (<c>judge</c>).
/// </summary>
public sealed record EvaluationProgress : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The part of the evaluation, as a progress bar names it.</summary>
    public required string Stage { get; init; }

    public required long Done { get; init; }

    public required long Total { get; init; }

    /// <summary><c>samples</c>, <c>prompts</c> or <c>items</c>.</summary>
    public required string Unit { get; init; }
}
