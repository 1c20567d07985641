using MassTransit;
using Samsara.Contracts;

namespace Samsara.Stages.Tests.Support;

/// <summary>Stands in for the gateway: hears the events the stages publish and records them.</summary>
internal sealed class ObserverConsumer<T>(Observed observed) : IConsumer<T>
    where T : class, IRunMessage
{
    public Task Consume(ConsumeContext<T> context)
    {
        observed.Add(context.Message);
        return Task.CompletedTask;
    }
}
