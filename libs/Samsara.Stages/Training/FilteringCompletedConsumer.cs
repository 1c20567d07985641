using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Training;

/// <summary>Trains every algorithm of a filtered run, or one iteration of an iterated SAMI training.</summary>
public sealed class FilteringCompletedConsumer(RunTrainer trainer, ILogger<FilteringCompletedConsumer> logger) : IConsumer<FilteringCompleted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<FilteringCompleted> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Training, logger,
            () => trainer.TrainAsync(context.Message, context, context, context.CancellationToken));
}
