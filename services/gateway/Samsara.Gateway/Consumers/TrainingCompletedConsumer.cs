using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Api.V1;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A model is trained: its checkpoint becomes an artifact of stage "train:{algo}" ("train:{algo}:iter{i}" for a
/// later SAMI iteration); after the run's last model
/// (IsLast) the run moves on to Evaluating.
/// </summary>
public sealed class TrainingCompletedConsumer(RunEventApplier applier) : IConsumer<TrainingCompleted>
{
    public Task Consume(ConsumeContext<TrainingCompleted> context)
    {
        var m = context.Message;
        var stage = RunEvents.TrainingStageName(m.Algorithm, m.Iteration);
        RunEvent[] events = m.IsLast
            ? [RunEvents.Message(m, $"{stage} saved {m.CheckpointPath}"), RunEvents.State(m, RunState.Evaluating, "evaluating")]
            : [RunEvents.Message(m, $"{stage} saved {m.CheckpointPath}")];
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(TrainingCompleted), events,
            new ArtifactRecord(stage, m.CheckpointPath), ct: context.CancellationToken);
    }
}
