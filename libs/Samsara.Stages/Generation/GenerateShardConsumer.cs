using MassTransit;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Generation;

/// <summary>
/// Accepts the shard the RunActor asked for and returns: it is generated as a background <see cref="GenerationJob"/>,
/// never inside the delivery, which RabbitMQ would close after its consumer timeout on a slow teacher.
/// </summary>
public sealed class GenerateShardConsumer(StageJobs jobs, GenerationJob generation) : IConsumer<GenerateShard>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<GenerateShard> context) => jobs.AcceptAsync(generation, context);
}
