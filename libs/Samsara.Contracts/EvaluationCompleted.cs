namespace Samsara.Contracts;

/// <summary>All shards are judged and the report (win rates, accuracies) is written; the run is done.</summary>
public sealed record EvaluationCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The report, relative to the artifact store root.</summary>
    public required string ReportPath { get; init; }

    /// <summary>
    /// The report's headline figures by name, e.g. <c>eval:sft/strict/pass@1</c>: small scalars the run summary shows;
    /// everything else stays in the report. Empty when the eval prompts carry no reference answers.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }
}
