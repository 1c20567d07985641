using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Generation;

/// <summary>Generates one shard and announces it (unless its run was cancelled).</summary>
public sealed class GenerateShardConsumer(ShardGenerator generator, ILogger<GenerateShardConsumer> logger) : IConsumer<GenerateShard>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<GenerateShard> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Generation, logger, async () =>
        {
            if (await generator.GenerateAsync(context.Message, context.CancellationToken).ConfigureAwait(false) is { } completed)
                await context.Publish(completed, context.CancellationToken).ConfigureAwait(false);
        });
}
