using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>The run was handed to the generator: Pending → Generating.</summary>
public sealed class RunRequestedConsumer(RunEventApplier applier) : IConsumer<RunRequested>
{
    public Task Consume(ConsumeContext<RunRequested> context) =>
        applier.ApplyAsync(context.Message, RunEvents.State(context.Message, RunState.Generating));
}
