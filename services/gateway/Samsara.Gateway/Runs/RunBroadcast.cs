using System.Collections.Concurrent;
using System.Threading.Channels;
using Samsara.Api.V1;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Live events per run inside this gateway process: the consumers publish what they applied, WatchRun streams
/// subscribe. Nothing is kept for runs nobody watches; a watcher that joins late reads the actor's history first.
/// </summary>
public sealed class RunBroadcast
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> runs = new(StringComparer.Ordinal);

    public Subscription Subscribe(string runId)
    {
        // Unbounded: a slow watcher must not stall the consumer; the stream ends at the run's final state anyway.
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        runs.AddOrUpdate(runId, _ => new([channel]), (_, s) => new([.. s.Channels, channel]));
        return new Subscription(channel.Reader, () => Remove(runId, channel));
    }

    public void Publish(RunEvent e)
    {
        if (!runs.TryGetValue(e.RunId, out var subscribers)) return;
        foreach (var channel in subscribers.Channels) channel.Writer.TryWrite(e);
    }

    private void Remove(string runId, Channel<RunEvent> channel)
    {
        while (runs.TryGetValue(runId, out var current))
        {
            var rest = current.Channels.Where(c => c != channel).ToArray();
            if (rest.Length == 0 ? runs.TryRemove(new(runId, current)) : runs.TryUpdate(runId, new(rest), current)) return;
        }
    }

    private sealed record ImmutableSubscribers(Channel<RunEvent>[] Channels);

    /// <summary>A watcher's feed; dispose it when the stream ends.</summary>
    public sealed class Subscription(ChannelReader<RunEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<RunEvent> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
