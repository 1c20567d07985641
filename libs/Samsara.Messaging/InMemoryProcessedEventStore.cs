using System.Collections.Concurrent;

namespace Samsara.Messaging;

/// <summary>Processed event ids kept in memory: lost when the process stops (tests, one-shot embedded runs).</summary>
public sealed class InMemoryProcessedEventStore : IProcessedEventStore
{
    private readonly ConcurrentDictionary<(string Scope, Guid EventId), byte> _processed = new();

    /// <inheritdoc />
    public ValueTask<bool> HasProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_processed.ContainsKey((scope, eventId)));

    /// <inheritdoc />
    public ValueTask MarkProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken)
    {
        _processed.TryAdd((scope, eventId), 0);
        return ValueTask.CompletedTask;
    }
}
