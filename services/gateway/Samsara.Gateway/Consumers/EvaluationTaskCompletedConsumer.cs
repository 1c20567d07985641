using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A judge finished an evaluation task: the flow records it by task id (a task announced twice counts once) and
/// sends the next phase's tasks after the phase's last. A judge batch also advances the "judge" progress bar, which
/// counts the distinct batches done.
/// </summary>
public sealed class EvaluationTaskCompletedConsumer(RunEventApplier applier) : IConsumer<EvaluationTaskCompleted>
{
    public Task Consume(ConsumeContext<EvaluationTaskCompleted> context)
    {
        var m = context.Message;
        var batch = m.Task.Kind == EvaluationTaskKind.JudgeBatch
            ? new ShardRecord(RunEvents.Id(m, ""), "judge", m.Task.Ordinal, m.Task.Of, "batches", m.OccurredAt)
            : null;
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(EvaluationTaskCompleted), [], shard: batch,
            flow: new EvaluationTaskDone(m.Task.Id, m.Items), ct: context.CancellationToken);
    }
}
