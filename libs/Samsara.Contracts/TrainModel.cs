namespace Samsara.Contracts;

/// <summary>Command to the trainer: train one model of the run, one iteration of one training of its spec.</summary>
/// <remarks>
/// The RunActor decides the order (SFT first, since DPO and SFT+SAMI start from its model). A training already
/// finished (its marker written) is only announced again, so a re-dispatched command redoes nothing.
/// </remarks>
public sealed record TrainModel : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The spec's training to run.</summary>
    public required TrainingAlgorithm Algorithm { get; init; }

    /// <summary>The iteration of an iterated SAMI training, 1-based; 1 for every other training.</summary>
    public required int Iteration { get; init; }
}
