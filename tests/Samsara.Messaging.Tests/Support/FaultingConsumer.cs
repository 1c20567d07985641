using MassTransit;
using Samsara.Contracts;

namespace Samsara.Messaging.Tests.Support;

/// <summary>Records each attempt, throws for the runs <see cref="Faults"/> says to, and records success otherwise.</summary>
internal sealed class FaultingConsumer<T>(Recorder<T> recorder, Faults faults) : IConsumer<T>
    where T : class, IRunMessage
{
    public Task Consume(ConsumeContext<T> context)
    {
        recorder.Attempted(context);
        faults.ThrowIfFaulted(context.Message);
        recorder.Delivered(context);
        return Task.CompletedTask;
    }
}
