using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>
/// Does one task of a run's evaluation and announces it. The message is acknowledged only after the announcement, so a
/// replica killed mid-task leaves it unacknowledged and the broker gives it to another replica, which finds the
/// task's finished work (or none) in the workspace. A task that cannot be done as given fails the run with the reason.
/// </summary>
public sealed class EvaluationTaskConsumer(RunJudge judge, ILogger<EvaluationTaskConsumer> logger) : IConsumer<EvaluationTask>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<EvaluationTask> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Evaluation, logger, async () =>
        {
            IRunMessage? done;
            try
            {
                done = await judge.RunAsync(context.Message, context.CancellationToken,
                    progress => context.Publish(progress, context.CancellationToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (StageFaults.IsInputError(e) && !e.Message.StartsWith("evaluation task", StringComparison.Ordinal))
            {
                // The run fails with this reason: name the task, so the report says which part could not be done.
                throw new StageInputException($"evaluation task {context.Message.Task.Id}: {e.Message}", e);
            }
            if (done is not null)
                await context.Publish(done, done.GetType(), context.CancellationToken).ConfigureAwait(false);
        });
}
