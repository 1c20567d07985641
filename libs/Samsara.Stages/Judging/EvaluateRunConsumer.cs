using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>Evaluates the run when the RunActor says every model is trained.</summary>
public sealed class EvaluateRunConsumer(RunJudge judge, ILogger<EvaluateRunConsumer> logger) : IConsumer<EvaluateRun>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<EvaluateRun> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Evaluation, logger, async () =>
        {
            if (await judge.EvaluateAsync(context.Message, context.CancellationToken,
                    progress => context.Publish(progress, context.CancellationToken)).ConfigureAwait(false) is { } completed)
                await context.Publish(completed, context.CancellationToken).ConfigureAwait(false);
        });
}
