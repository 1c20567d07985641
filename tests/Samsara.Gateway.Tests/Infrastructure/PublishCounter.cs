using MassTransit;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>Counts every message the bus publishes after it is connected, by type, to show that nothing went out.</summary>
public sealed class PublishCounter : IPublishObserver
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public static PublishCounter On(IBus bus)
    {
        var counter = new PublishCounter();
        bus.ConnectPublishObserver(counter);
        return counter;
    }

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
