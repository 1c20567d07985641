using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A part of the evaluation advanced: the run is Evaluating (the first such event moves it there; later ones cannot
/// move it again, so they change nothing) and the part's progress is shown under its own stage name ("eval:sft",
/// "respond:sft", "judge").
/// </summary>
public sealed class EvaluationProgressConsumer(RunEventApplier applier) : IConsumer<EvaluationProgress>
{
    public Task Consume(ConsumeContext<EvaluationProgress> context)
    {
        var m = context.Message;
        return applier.ApplyAsync(m, new StageProgressed(), RunEvents.State(m, RunState.Evaluating, "evaluating"), RunEvents.Progress(m, m.Stage, m.Done, m.Total, m.Unit));
    }
}
