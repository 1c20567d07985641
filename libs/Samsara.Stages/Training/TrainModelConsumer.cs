using MassTransit;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Training;

/// <summary>
/// Accepts the training the RunActor asked for and returns: it runs as a background <see cref="TrainingJob"/>, never
/// inside the delivery, which RabbitMQ would close after its consumer timeout.
/// </summary>
public sealed class TrainModelConsumer(StageJobs jobs, TrainingJob training) : IConsumer<TrainModel>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<TrainModel> context) => jobs.AcceptAsync(training, context);
}
