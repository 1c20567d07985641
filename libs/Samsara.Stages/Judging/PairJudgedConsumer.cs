using MassTransit;
using Samsara.Contracts;

namespace Samsara.Stages.Judging;

/// <summary>Feeds judge results to the <see cref="JudgementCollector"/> of whoever fanned the tasks out.</summary>
public sealed class PairJudgedConsumer(JudgementCollector collector) : IConsumer<PairJudged>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<PairJudged> context)
    {
        collector.Add(context.Message);
        return Task.CompletedTask;
    }
}
