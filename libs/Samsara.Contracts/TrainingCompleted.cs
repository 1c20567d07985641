namespace Samsara.Contracts;

/// <summary>The trainer saved the final checkpoint of one algorithm of the run (Hugging Face layout, docs/architecture.md §9).</summary>
public sealed record TrainingCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The training that produced the checkpoint.</summary>
    public required TrainingAlgorithm Algorithm { get; init; }

    /// <summary>The checkpoint directory, relative to the artifact store root.</summary>
    public required string CheckpointPath { get; init; }


    /// <summary>The iteration of an iterated SAMI training, 1-based; 1 for every other training.</summary>
    public required int Iteration { get; init; }
}
