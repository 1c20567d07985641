using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Filtering;

/// <summary>Filters a round of the run's generations when the RunActor says every shard is in.</summary>
public sealed class FilterRunConsumer(RunFilter filter, ILogger<FilterRunConsumer> logger) : IConsumer<FilterRun>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<FilterRun> context) =>
        StageFaults.GuardAsync(context, context.Message, PipelineStage.Filtering, logger, async () =>
        {
            if (await filter.FilterAsync(context.Message, context.CancellationToken).ConfigureAwait(false) is { } completed)
                await context.Publish(completed, context.CancellationToken).ConfigureAwait(false);
        });
}
