namespace Samsara.Contracts;

/// <summary>Command to the generator: write responses for one shard of the run's prompts.</summary>
/// <remarks>Sent to one queue rather than published, so KEDA can scale generators on its length.</remarks>
public sealed record GenerateShard : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The run spec, relative to the artifact store root.</summary>
    public required string SpecPath { get; init; }

    /// <summary>Zero-based index of the shard to generate.</summary>
    public required int ShardIndex { get; init; }

    /// <summary>How many shards the prompts are split into.</summary>
    public required int ShardCount { get; init; }

    /// <summary>The SAMI iteration this round of data is for; null for the run's first round, which the teacher generates.</summary>
    public required SamiIteration? Iteration { get; init; }
}
