using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>A stage gave up: the run is Failed, and Run.error says which stage and why.</summary>
public sealed class StageFaultedConsumer(RunEventApplier applier) : IConsumer<StageFaulted>
{
    public Task Consume(ConsumeContext<StageFaulted> context) =>
        applier.ApplyAsync(context.Message,
            RunEvents.State(context.Message, RunState.Failed, reason: $"{context.Message.Stage}: {context.Message.Reason}"));
}
