using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>A part of the evaluation advanced: progress under its own stage name ("eval:sft", "respond:sft", "judge").</summary>
public sealed class EvaluationProgressConsumer(RunEventApplier applier) : IConsumer<EvaluationProgress>
{
    public Task Consume(ConsumeContext<EvaluationProgress> context)
    {
        var m = context.Message;
        return applier.ApplyAsync(m, RunEvents.Progress(m, m.Stage, m.Done, m.Total, m.Unit));
    }
}
