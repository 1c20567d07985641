namespace Samsara.Contracts;

/// <summary>The filter kept the contrastive examples of a run (docs/architecture.md §11, Filters).</summary>
public sealed record FilteringCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>How many generations the filter read.</summary>
    public required int ReadCount { get; init; }

    /// <summary>How many passed.</summary>
    public required int KeptCount { get; init; }

    /// <summary>The kept examples, relative to the artifact store root.</summary>
    public required string ArtifactPath { get; init; }

    /// <summary>The SAMI iteration this round of data is for; null for the run's first round, which the teacher generates.</summary>
    public required SamiIteration? Iteration { get; init; }
}
