using System.Collections.Concurrent;

namespace Samsara.EmbeddedDapr.Tests.Sample;

/// <summary>What the actors of one host did: callbacks received, and how many turns of one actor ever overlapped.</summary>
public sealed class ActorProbe
{
    private readonly ConcurrentQueue<string> events = new();
    private readonly ConcurrentDictionary<string, int> inside = new();
    private int maxOverlap;

    public IReadOnlyList<string> Events => events.ToArray();

    public int MaxOverlap => Volatile.Read(ref maxOverlap);

    public void Record(string what) => events.Enqueue(what);

    public IDisposable Enter(string actorId)
    {
        var now = inside.AddOrUpdate(actorId, 1, (_, n) => n + 1);
        int seen;
        while (now > (seen = Volatile.Read(ref maxOverlap)) && Interlocked.CompareExchange(ref maxOverlap, now, seen) != seen)
        {
        }

        return new Leave(() => inside.AddOrUpdate(actorId, 0, (_, n) => n - 1));
    }

    private sealed class Leave(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
