namespace Samsara.Alignment.Training;

/// <summary>What one optimizer step reports (a metrics.jsonl line), plus the algorithm's own figures in <see cref="Extra"/>.</summary>
public sealed record StepMetrics(int Step, int TotalSteps, double Loss, double LearningRate, double GradNorm,
                                 double TokensPerSecond, double QueriesPerSecond, double Epoch,
                                 IReadOnlyDictionary<string, double> Extra);
