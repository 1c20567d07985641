using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Messaging;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Generation;

/// <summary>Fans a run out into <see cref="GenerateShard"/> commands, which generator replicas share through their queue.</summary>
public sealed class RunRequestedConsumer(ShardGenerator generator, ILogger<RunRequestedConsumer> logger) : IConsumer<RunRequested>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunRequested> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Generation, logger, async () =>
        {
            foreach (var command in await generator.PlanAsync(context.Message, context.CancellationToken).ConfigureAwait(false))
                await context.SendCommand(command, context.CancellationToken).ConfigureAwait(false);
        });
}
