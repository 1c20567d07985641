namespace Samsara.Messaging;

/// <summary>
/// Remembers which events a consumer has processed, so a redelivered or re-published event is skipped.
/// <paramref name="scope"/> in each method names the consumer side (its queue): one event is processed once
/// per queue, and every queue that subscribes to it gets its turn.
/// </summary>
public interface IProcessedEventStore
{
    /// <summary>Whether <paramref name="eventId"/> was processed in <paramref name="scope"/>.</summary>
    ValueTask<bool> HasProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="eventId"/> was processed in <paramref name="scope"/>; repeating it is harmless.</summary>
    ValueTask MarkProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken);
}
