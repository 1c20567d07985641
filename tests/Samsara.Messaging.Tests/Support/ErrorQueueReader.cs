using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>
/// Reads an in-memory <c>_error</c> queue: messages moved there keep their type, so a consumer of that type on the
/// error queue sees them with the MT-Fault-* headers. Registered with <see cref="On"/>, without subscriptions.
/// </summary>
internal sealed class ErrorQueueReader<T>(ErrorQueueRecorder<T> recorder) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        recorder.Recorder.Delivered(context);
        return Task.CompletedTask;
    }

    public static void On(IBusRegistrationConfigurator bus, string errorQueue) =>
        bus.AddConsumer<ErrorQueueReader<T>>().Endpoint(endpoint =>
        {
            endpoint.Name = errorQueue;
            // Only what MassTransit moves here, not every published T.
            endpoint.ConfigureConsumeTopology = false;
        });
}

/// <summary>The error queue's own recorder, apart from the one of the consumer that failed.</summary>
internal sealed class ErrorQueueRecorder<T> : IDisposable
    where T : class
{
    public Recorder<T> Recorder { get; } = new();

    public void Dispose() => Recorder.Dispose();
}
