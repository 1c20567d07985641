using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;

namespace Samsara.Messaging.Internal;

/// <summary>
/// Skips a run message whose <see cref="IRunMessage.EventId"/> this queue has already processed, and marks it
/// processed once the consumer succeeded (a consumer that throws leaves it unmarked, so a retry or a redelivery
/// runs it again). The scope is the queue, so each service processes an event once, independently of the others.
/// </summary>
/// <remarks>
/// Duplicates on one process are serialized by <see cref="KeyedLock"/>. Two processes that receive the same event
/// at the same moment may both run it; consumers therefore still write their artifacts atomically and
/// deterministically, and the store makes every later repeat a no-op.
/// </remarks>
internal sealed class IdempotentConsumeFilter<T>(IProcessedEventStore store, KeyedLock locks, ILogger<IdempotentConsumeFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    private const string SkippedBy = "Samsara.Messaging.Idempotency";

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Message is not IRunMessage message)
        {
            await next.Send(context).ConfigureAwait(false);
            return;
        }

        var scope = ScopeOf(context.ReceiveContext.InputAddress);
        using (await locks.AcquireAsync($"{scope}/{message.EventId:D}", context.CancellationToken).ConfigureAwait(false))
        {
            if (await store.HasProcessedAsync(scope, message.EventId, context.CancellationToken).ConfigureAwait(false))
            {
                MessagingLog.DuplicateSkipped(logger, typeof(T).Name, message.EventId, message.RunId, scope);
                // Count it as consumed: otherwise MassTransit would move the duplicate to the _skipped queue.
                await context.NotifyConsumed(context, TimeSpan.Zero, SkippedBy).ConfigureAwait(false);
                return;
            }

            await next.Send(context).ConfigureAwait(false);
            // Not the message's token: once the consumer has succeeded, the mark must be written.
            await store.MarkProcessedAsync(scope, message.EventId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("samsaraIdempotency");

    /// <summary>The queue name (<see cref="QueueNames.NameOf"/>), or <c>default</c> for an address without one.</summary>
    internal static string ScopeOf(Uri? inputAddress) => QueueNames.NameOf(inputAddress) is { Length: > 0 } name ? name : "default";
}
