namespace Samsara.Endpoints.Tests;

/// <summary>
/// A clock that moves only when a test says so: <c>Task.Delay(…, clock)</c> waits until <see cref="Advance"/> passes
/// its due time, so a test can hold requests in a pause, look at what the server saw meanwhile, and then release them
/// — no wall-clock timing involved. One-shot timers only (what Task.Delay uses).
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
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
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero) throw new NotSupportedException("periodic timers");
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on and fires every timer now due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.Due <= now).ToList();
            foreach (var t in due) timers.Remove(t);
        }
        foreach (var t in due) t.Fire();
    }

    /// <summary>Polls <paramref name="condition"/> on the real clock until it holds; a condition that never holds fails the test after a minute.</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            if (waited > 60_000) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(10);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock.now + dueTime;
                if (dueTime > TimeSpan.Zero)
                {
                    clock.timers.Add(this);
                    return true;
                }
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
