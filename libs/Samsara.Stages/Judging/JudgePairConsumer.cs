using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>
/// Judges one item and publishes the judgement. The message is acknowledged only after the result is published, so a
/// replica killed mid-task leaves it unacknowledged and the broker gives it to another replica; the judgement cache
/// makes a task judged again after such a kill cost nothing. A task that cannot be judged as given (an unknown judge,
/// an unavailable backend) faults the run's evaluation with the reason instead of being retried.
/// </summary>
public sealed class JudgePairConsumer(PairJudges judges, ILogger<JudgePairConsumer> logger) : IConsumer<JudgePair>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<JudgePair> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Evaluation, logger, async () =>
        {
            var task = context.Message;
            var judging = judges.For(task.Judge, task.Prompt, task.Protocol, task.Seed);
            var item = new PairwiseItem(task.ItemId, task.Category, task.Question, task.Constitution, task.ResponseA, task.ResponseB);
            var record = await judging.JudgeItemAsync(item, task.ModelA, task.ModelB, context.CancellationToken).ConfigureAwait(false);
            StageTelemetry.RecordJudgeCalls(task.Judge, record.Calls.Count);
            await context.Publish(new PairJudged
            {
                RunId = task.RunId,
                EventId = EventIds.New(),
                OccurredAt = DateTimeOffset.UtcNow,
                TaskId = task.EventId,
                ItemId = task.ItemId,
                Judgement = JudgementJson.ToJson(record).ToJsonString(),
                JudgedBy = judges.Instance,
                Redelivered = context.ReceiveContext.Redelivered,
            }, context.CancellationToken).ConfigureAwait(false);
        });
}
