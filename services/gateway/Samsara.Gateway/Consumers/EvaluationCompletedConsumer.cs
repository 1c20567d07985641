using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// The report is written: Evaluating (if no earlier event said so), its headline figures into Run.metrics, then
/// Completed, with the report as an artifact.
/// </summary>
public sealed class EvaluationCompletedConsumer(RunEventApplier applier) : IConsumer<EvaluationCompleted>
{
    public Task Consume(ConsumeContext<EvaluationCompleted> context)
    {
        var m = context.Message;
        RunEvent[] events = m.Metrics.Count == 0
            ? [RunEvents.State(m, RunState.Evaluating, "evaluating"), RunEvents.State(m, RunState.Completed, "completed")]
            : [RunEvents.State(m, RunState.Evaluating, "evaluating"), RunEvents.Evaluation(m, m.Metrics, "summary"), RunEvents.State(m, RunState.Completed, "completed")];
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(EvaluationCompleted), events,
            new ArtifactRecord("evaluate", m.ReportPath), flow: new RunEvaluated(), ct: context.CancellationToken);
    }
}
