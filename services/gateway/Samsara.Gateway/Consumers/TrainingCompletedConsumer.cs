using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A model is trained: its checkpoint becomes an artifact of stage "train:{algo}". The run moves to Evaluating
/// when evaluation reports (<see cref="EvaluationCompletedConsumer"/>): this message does not say whether it was
/// the run's last model, and moving early would put a run that still trains into Evaluating.
/// </summary>
public sealed class TrainingCompletedConsumer(RunEventApplier applier) : IConsumer<TrainingCompleted>
{
    public Task Consume(ConsumeContext<TrainingCompleted> context)
    {
        var m = context.Message;
        var stage = $"train:{m.Algorithm.ToLowerInvariant()}";
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(TrainingCompleted), [RunEvents.Message(m, $"{stage} saved {m.CheckpointPath}")],
            new ArtifactRecord(stage, m.CheckpointPath), ct: context.CancellationToken);
    }
}
