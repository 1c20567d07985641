namespace Samsara.Testing;

/// <summary>
/// A clock that moves only when a test says so, for code that takes a <see cref="TimeProvider"/>: its time, and its
/// timers (<c>Task.Delay(…, clock)</c>, a lease's renewal), which fire when <see cref="Advance"/> passes their due time —
/// never on the wall clock. A test can hold requests in a pause, look at what happened meanwhile, then release them, or
/// let a lease lapse or be renewed, without waiting. Periodic timers fire once per period passed.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    /// <summary>Timers set and not yet fired: how many waits are under way.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate) return timers.Count;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on and fires every timer now due (a periodic one as often as its periods passed).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var due = new List<ManualTimer>();
        lock (gate)
        {
            now += by;
            foreach (var timer in timers.Where(t => t.Due <= now).ToList())
            {
                while (timer.Due <= now)
                {
                    due.Add(timer);
                    if (timer.Period <= TimeSpan.Zero || timer.Period == Timeout.InfiniteTimeSpan)
                    {
                        timers.Remove(timer);
                        break;
                    }
                    timer.Due += timer.Period;
                }
            }
        }
        foreach (var timer in due) timer.Fire();
    }

    /// <summary>Polls <paramref name="condition"/> on the real clock until it holds; a condition that never holds fails the test after a minute.</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var waited = 0; !condition(); waited += 10)
        {
            if (waited > 60_000) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(10);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                Period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock.now + dueTime;
                if (dueTime > TimeSpan.Zero || (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan))
                    clock.timers.Add(this);
                if (dueTime > TimeSpan.Zero) return true;
                if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) Due += period;
            }
            Fire();
            return true;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose()
        {
            lock (clock.gate) clock.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
