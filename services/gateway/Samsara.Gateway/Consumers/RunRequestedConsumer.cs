using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// The run is requested: Pending → Generating, and its flow starts (the actor plans the shards and trainings from the
/// spec it holds, and sends the shards to generate).
/// </summary>
public sealed class RunRequestedConsumer(RunEventApplier applier) : IConsumer<RunRequested>
{
    public Task Consume(ConsumeContext<RunRequested> context) =>
        applier.ApplyAsync(context.Message, new RunStarted(context.Message.SpecPath, ShardCount: 0, Trainings: []),
            RunEvents.State(context.Message, RunState.Generating));
}
