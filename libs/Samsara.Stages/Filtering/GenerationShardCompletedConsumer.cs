using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Filtering;

/// <summary>Filters the run when its last shard arrives; earlier shards only wait.</summary>
public sealed class GenerationShardCompletedConsumer(RunFilter filter, ILogger<GenerationShardCompletedConsumer> logger) : IConsumer<GenerationShardCompleted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<GenerationShardCompleted> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Filtering, logger, async () =>
        {
            if (await filter.OnShardCompletedAsync(context.Message, context.CancellationToken).ConfigureAwait(false) is { } completed)
                await context.Publish(completed, context.CancellationToken).ConfigureAwait(false);
        });
}
