using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Api.V1;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A model is trained: its checkpoint becomes an artifact of stage "train:{algo}" ("train:{algo}:iter{i}" for a
/// later SAMI iteration), and the flow sends what comes next (after the run's last model: Evaluating).
/// </summary>
public sealed class TrainingCompletedConsumer(RunEventApplier applier) : IConsumer<TrainingCompleted>
{
    public Task Consume(ConsumeContext<TrainingCompleted> context)
    {
        var m = context.Message;
        var stage = RunEvents.TrainingStageName(m.Algorithm, m.Iteration);
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(TrainingCompleted), [RunEvents.Message(m, $"{stage} saved {m.CheckpointPath}")],
            new ArtifactRecord(stage, m.CheckpointPath), flow: new ModelTrained(m.Algorithm, m.Iteration), ct: context.CancellationToken);
    }
}
