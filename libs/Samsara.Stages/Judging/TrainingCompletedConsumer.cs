using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>Evaluates the run after its last training.</summary>
public sealed class TrainingCompletedConsumer(RunJudge judge, ILogger<TrainingCompletedConsumer> logger) : IConsumer<TrainingCompleted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<TrainingCompleted> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Evaluation, logger, async () =>
        {
            if (await judge.OnTrainingCompletedAsync(context.Message, context.CancellationToken,
                    progress => context.Publish(progress, context.CancellationToken)).ConfigureAwait(false) is { } completed)
                await context.Publish(completed, context.CancellationToken).ConfigureAwait(false);
        });
}
