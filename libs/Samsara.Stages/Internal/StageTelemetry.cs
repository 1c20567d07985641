using System.Diagnostics;
using System.Diagnostics.Metrics;
using Samsara.Alignment.Training;
using Samsara.Contracts;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.Stages.Internal;

/// <summary>
/// The stages' spans and instruments on Samsara's source and meter. Names are a contract with dashboards (README):
/// <c>samsara.stage.duration</c>, <c>samsara.training.tokens_per_second</c>, <c>samsara.training.loss</c>,
/// <c>samsara.training.mi_bound</c>, <c>samsara.judge.calls</c>.
/// </summary>
internal static class StageTelemetry
{
    public const string RunIdTag = "samsara.run.id";
    public const string StageTag = "samsara.stage";
    public const string AlgorithmTag = "samsara.training.algorithm";

    private static readonly Histogram<double> StageDuration = SamsaraTelemetry.Meter.CreateHistogram<double>(
        "samsara.stage.duration", "s", "Time a stage spent on one message: a shard generated, a run filtered, trained, evaluated, a pair judged");

    private static readonly Gauge<double> TokensPerSecond = SamsaraTelemetry.Meter.CreateGauge<double>(
        "samsara.training.tokens_per_second", "{token}/s", "Training throughput at the last optimizer step");

    private static readonly Gauge<double> Loss = SamsaraTelemetry.Meter.CreateGauge<double>(
        "samsara.training.loss", description: "Training loss at the last optimizer step");

    private static readonly Gauge<double> MiBound = SamsaraTelemetry.Meter.CreateGauge<double>(
        "samsara.training.mi_bound", "nat", "SAMI's mutual-information lower bound (log C - loss) at the last optimizer step");

    private static readonly Counter<long> JudgeCalls = SamsaraTelemetry.Meter.CreateCounter<long>(
        "samsara.judge.calls", "{call}", "Calls to a judge (one per order judged)");

    /// <summary>A span for one message's work, named by what the stage does with it (e.g. <c>generate shard</c>).</summary>
    public static Activity? StartWork(PipelineStage stage, IRunMessage message)
    {
        var activity = SamsaraTelemetry.Source.StartActivity(WorkName(message));
        activity?.SetTag(RunIdTag, message.RunId.ToString("D"));
        activity?.SetTag(StageTag, StageName(stage));
        return activity;
    }

    public static void RecordDuration(PipelineStage stage, TimeSpan elapsed) =>
        StageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(StageTag, StageName(stage)));

    public static void RecordStep(TrainingAlgorithm algorithm, StepMetrics step)
    {
        var tag = new KeyValuePair<string, object?>(AlgorithmTag, algorithm.Name());
        TokensPerSecond.Record(step.TokensPerSecond, tag);
        Loss.Record(step.Loss, tag);
        if (step.Extra.TryGetValue("mi_lower_bound", out var bound))
            MiBound.Record(bound, tag);
    }

    public static void RecordJudgeCalls(string judge, int calls) =>
        JudgeCalls.Add(calls, new KeyValuePair<string, object?>("samsara.judge", judge));

    private static string StageName(PipelineStage stage) => stage.ToString().ToLowerInvariant();

    private static string WorkName(IRunMessage message) => message switch
    {
        GenerateShard => "generate shard",
        FilterRun => "filter",
        TrainModel => "train",
        EvaluationTask t => $"evaluate {t.Task.Kind.ToString().ToLowerInvariant()}",
        _ => message.GetType().Name,
    };
}
