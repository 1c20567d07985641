using System.Collections.Concurrent;
using Samsara.Actors;

namespace Samsara.Actors.Tests.Sample;

/// <summary>What the sample actors report: lifecycle and callback events, and how many turns overlap.</summary>
public sealed class ActorProbe
{
    private readonly ConcurrentQueue<string> events = new();
    private readonly ConcurrentDictionary<string, int> inFlightById = new();
    private readonly ConcurrentDictionary<string, int> maxById = new();
    private int inFlight;
    private int maxInFlight;

    public IReadOnlyList<string> Events => events.ToArray();

    public int MaxOverlap(string actorId) => maxById.GetValueOrDefault(actorId);

    public void Record(string @event) => events.Enqueue(@event);

    public int Count(string prefix) => events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Marks a turn in flight until the result is disposed.</summary>
    public IDisposable Enter(ActorId id)
    {
        var key = id.GetId();
        var now = inFlightById.AddOrUpdate(key, 1, (_, n) => n + 1);
        maxById.AddOrUpdate(key, now, (_, max) => Math.Max(max, now));
        var all = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, all);
        return new Exit(() =>
        {
            inFlightById.AddOrUpdate(key, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref inFlight);
        });
    }

    /// <summary>Waits until <paramref name="expected"/> turns have been in flight at the same moment.</summary>
    public async Task<bool> WaitForInFlightAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref maxInFlight) < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private sealed class Exit(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }
}
