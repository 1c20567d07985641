using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>
/// Records into the same recorder as <see cref="RecordingConsumer{T}"/>, as a second service subscribing to the same
/// message would. A class of its own because MassTransit registers a consumer type once, on one queue.
/// </summary>
internal sealed class GatewayRecordingConsumer<T>(Recorder<T> recorder) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        recorder.Attempted(context);
        recorder.Delivered(context);
        return Task.CompletedTask;
    }
}
