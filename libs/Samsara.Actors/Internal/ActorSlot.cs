using System.Collections.Concurrent;

namespace Samsara.Actors.Internal;

/// <summary>
/// The runtime's place for one actor id: the gate that makes turns one-at-a-time, the instance while it is
/// active, the turn in progress and the in-memory timers. A deactivated slot is never reused: callers that
/// were queued on its gate start over with a fresh slot.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim needs disposing only when its wait handle is used, and it never is here; a slot can still be waited on after removal.")]
internal sealed class ActorSlot(ActorKey key, ActorRegistration registration, DateTimeOffset now)
{
    private long lastUsedTicks = now.UtcTicks;

    public ActorKey Key { get; } = key;

    public ActorRegistration Registration { get; } = registration;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Set once OnActivateAsync has succeeded; only read or written while holding the gate.</summary>
    public Actor? Instance { get; set; }

    public ActorHost? Host { get; set; }

    public bool Deactivated { get; set; }

    public ActorTurn? CurrentTurn { get; set; }

    /// <summary>Embedded runtime: the running timers by name, cancelled on unregister and on deactivation.</summary>
    public ConcurrentDictionary<string, CancellationTokenSource> Timers { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref lastUsedTicks, now.UtcTicks);

    public void CancelTimers()
    {
        foreach (var name in Timers.Keys)
        {
            if (Timers.TryRemove(name, out var cts))
            {
                cts.Cancel();
                cts.Dispose();
            }
        }
    }
}
