using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>Records every <typeparamref name="T"/> it is given.</summary>
internal sealed class RecordingConsumer<T>(Recorder<T> recorder) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        recorder.Attempted(context);
        recorder.Delivered(context);
        return Task.CompletedTask;
    }
}
