namespace Samsara.Contracts;

/// <summary>The trainer finished an optimizer step (sent every few steps, not every one).</summary>
public sealed record TrainingProgress : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The training the step belongs to.</summary>
    public required TrainingAlgorithm Algorithm { get; init; }

    /// <summary>Optimizer steps done, 1-based.</summary>
    public required int Step { get; init; }

    /// <summary>Optimizer steps planned.</summary>
    public required int TotalSteps { get; init; }

    /// <summary>The training loss at <see cref="Step"/>.</summary>
    public required double Loss { get; init; }

    /// <summary>Further metrics by name (e.g. <c>mi_lower_bound</c>, <c>grad_norm</c>, <c>lr</c>).</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>The iteration of an iterated SAMI training, 1-based; 1 for every other training.</summary>
    public required int Iteration { get; init; }
}
