using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Training;

/// <summary>Trains the one model the RunActor asked for.</summary>
public sealed class TrainModelConsumer(RunTrainer trainer, ILogger<TrainModelConsumer> logger) : IConsumer<TrainModel>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<TrainModel> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Training, logger,
            () => trainer.TrainAsync(context.Message, context, context.CancellationToken));
}
