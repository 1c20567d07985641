using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.ServiceDefaults.Telemetry;
using Samsara.Stages.Tests.Support;
using Metric = OpenTelemetry.Metrics.Metric;

namespace Samsara.Stages.Tests.Telemetry;

/// <summary>
/// A whole run through every stage on the in-memory bus, with OpenTelemetry's in-memory exporters listening to the
/// sources ServiceDefaults subscribes to: MassTransit carries the run's trace from its start through the broker into
/// each stage, each stage's work is a span of that one trace, and the stage and training instruments hold sane values.
/// Other tests in this assembly run pipelines at the same time, so spans are picked by this run's trace.
/// </summary>
public sealed class When_a_run_is_traced : IDisposable
{
    private static readonly string[] StageWork = ["generate shard", "filter", "train", "evaluate accuracy", "evaluate report"];
    private static readonly string[] TimedStages = ["generation", "filtering", "training", "evaluation"];

    private readonly TinyRun files = new();
    private readonly List<Activity> spans = [];
    private readonly List<Metric> metrics = [];

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task One_trace_follows_the_run_through_every_stage_and_the_metrics_are_recorded()
    {
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(SamsaraTelemetry.Name, SamsaraTelemetry.MassTransitName).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(SamsaraTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var runId = files.Store(files.Spec(new TrainingSpec { Algorithm = Algorithm.Sami, Steps = 2, BatchQueries = 2, MicroBatch = 2 }));

        var bus = await StageBus.StartAsync(files.Artifacts);
        ActivityTraceId traceId;
        await using (bus)
        {
            using (var start = SamsaraTelemetry.Source.StartActivity("start run"))
            {
                Assert.NotNull(start);
                traceId = start.TraceId;
                await bus.Publish(Messages.RunRequested(runId));
            }
            await bus.Observed.WaitFor<EvaluationCompleted>(runId, TimeSpan.FromMinutes(3));
        }
        // The bus has stopped: every consumer is done and its spans ended.
        tracing.ForceFlush();
        meters.ForceFlush();

        Activity[] trace;
        lock (spans) trace = spans.Where(s => s.TraceId == traceId).ToArray();
        var byId = trace.ToDictionary(s => s.SpanId);
        var root = Assert.Single(trace, s => s.DisplayName == "start run");
        foreach (var work in StageWork)
            Assert.Contains(trace, s => s.DisplayName == work && (string?)s.GetTagItem("samsara.run.id") == runId.ToString("D"));
        // Connected: every span's parents lead back to the start, through spans of this trace.
        foreach (var span in trace)
        {
            var current = span;
            while (current != root)
                Assert.True(byId.TryGetValue(current.ParentSpanId, out current), $"{span.DisplayName}: its parent is not in the run's trace");
        }
        Assert.Contains(trace, s => s.Source.Name == SamsaraTelemetry.MassTransitName && s.Kind == ActivityKind.Consumer);

        Assert.All(TimedStages,
            stage => Assert.True(HistogramCount("samsara.stage.duration", "samsara.stage", stage) > 0, $"no {stage} duration"));
        Assert.InRange(Last("samsara.training.loss", "sami"), 0.0, 10.0);
        Assert.True(Last("samsara.training.tokens_per_second", "sami") > 0);
        // SAMI's bound is log C - loss: at most log 4 with 4 constitutions.
        Assert.InRange(Last("samsara.training.mi_bound", "sami"), -10.0, Math.Log(4) + 1e-9);
    }

    private List<MetricPoint> Points(string name)
    {
        var metric = metrics.LastOrDefault(m => m.Name == name) ?? throw new Xunit.Sdk.XunitException($"no metric {name}; seen: {string.Join(", ", metrics.Select(m => m.Name).Distinct())}");
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
            points.Add(point);
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }

    private long HistogramCount(string name, string key, string value) =>
        Points(name).Where(p => Tag(p, key) == value).Sum(p => p.GetHistogramCount());

    private double Last(string name, string algorithm) =>
        Points(name).Single(p => Tag(p, "samsara.training.algorithm") == algorithm).GetGaugeLastValueDouble();
}
