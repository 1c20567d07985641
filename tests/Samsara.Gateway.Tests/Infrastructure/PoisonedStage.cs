using MassTransit;
using Samsara.Contracts;
using Samsara.Messaging;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>
/// Plays a stage whose consumer throws on every delivery of <typeparamref name="T"/>, on that stage's queue: after the
/// retries MassTransit moves the message to the error queue and publishes Fault&lt;T&gt;, as a broken stage would.
/// </summary>
public sealed class PoisonedStage<T> : IConsumer<T>
    where T : class, IRunMessage
{
    public const string Reason = "the volume is read-only";

    public Task Consume(ConsumeContext<T> context) => throw new IOException(Reason);
}

/// <summary>Waits until the gateway's own queue has consumed a message matching a condition.</summary>
public static class GatewayConsumed
{
    /// <summary>Watches <paramref name="bus"/> until a matching <typeparamref name="T"/> has been consumed on the gateway's queue.</summary>
    public static Task On<T>(IBus bus, Func<T, bool> match)
        where T : class
    {
        var observer = new Observer<T>(match);
        var handle = bus.ConnectConsumeMessageObserver(observer);
        return observer.Done.ContinueWith(_ => handle.Disconnect(), TaskScheduler.Default);
    }

    private sealed class Observer<T>(Func<T, bool> match) : IConsumeMessageObserver<T>
        where T : class
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => done.Task;

        public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<T> context)
        {
            if (QueueNames.NameOf(context.ReceiveContext.InputAddress) == QueueNames.GatewayRunEvents && match(context.Message))
                done.TrySetResult();
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;
    }
}
