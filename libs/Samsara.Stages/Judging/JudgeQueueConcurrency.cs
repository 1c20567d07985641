using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Messaging;

namespace Samsara.Stages.Judging;

/// <summary>
/// How many tasks a judge replica takes from the judge's queue at once (<see cref="JudgingOptions.ConcurrentTasks"/>):
/// the endpoint's concurrency limit, and on RabbitMQ its prefetch too, so a busy replica does not hold tasks that an
/// idle one could take.
/// </summary>
public sealed class JudgeQueueConcurrency(IOptions<JudgingOptions> options) : IConfigureReceiveEndpoint
{
    public void Configure(string name, IReceiveEndpointConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        if (name != QueueNames.Judge) return;
        configurator.ConcurrentMessageLimit = options.Value.ConcurrentTasks;
        if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = options.Value.ConcurrentTasks;
    }
}
