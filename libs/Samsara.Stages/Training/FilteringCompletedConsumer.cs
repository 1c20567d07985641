using MassTransit;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Training;

/// <summary>
/// Accepts the training of a filtered run (or of one SAMI iteration) and returns: the training runs as a background
/// <see cref="TrainingJob"/>, never inside the delivery, which RabbitMQ would close after its consumer timeout.
/// </summary>
public sealed class FilteringCompletedConsumer(StageJobs jobs, TrainingJob training) : IConsumer<FilteringCompleted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<FilteringCompleted> context) => jobs.AcceptAsync(training, context);
}
