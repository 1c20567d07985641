namespace Samsara.EmbeddedDapr.Tests;

/// <summary>Reminders, timers, reentrancy and idle deactivation through the SDK on the embedded sidecar.</summary>
public sealed class ActorCallbackTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        await using (var first = await ActorApp.StartAsync(temp.Database))
        {
            await first.Counter("sleeper").RemindAsync(new Sample.ReminderRequest("wake", DueMilliseconds: 4000, PeriodMilliseconds: 0));
            Assert.DoesNotContain(first.Probe.Events, e => e.StartsWith("remind", StringComparison.Ordinal));
        }

        await using var second = await ActorApp.StartAsync(temp.Database);
        await Eventually.WaitAsync(() => Task.FromResult(second.Probe.Events), events => events.Contains("remind sleeper wake wake"), "the reminder firing in the new process");
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_firing_and_a_timer_fires_while_the_actor_is_active()
    {
        await using var app = await ActorApp.StartAsync(temp.Database);
        var counter = app.Counter("ticker");
        await counter.RemindAsync(new Sample.ReminderRequest("every", DueMilliseconds: 0, PeriodMilliseconds: 200));
        await counter.StartTimerAsync(new Sample.ReminderRequest("tick", DueMilliseconds: 0, PeriodMilliseconds: 200));
        await Eventually.WaitAsync(() => Task.FromResult(app.Probe.Events), events => events.Count(e => e == "remind ticker every every") >= 3, "three reminder fires");
        await Eventually.WaitAsync(() => Task.FromResult(app.Probe.Events), events => events.Count(e => e == "timer ticker tick") >= 3, "three timer fires");
    }

    [Fact]
    public async Task With_reentrancy_an_actor_may_call_itself()
    {
        await using var app = await ActorApp.StartAsync(temp.Database, reentrant: true);
        var counter = app.Counter("loop");
        Assert.Equal(1, await counter.IncrementThroughSelfAsync());
    }

    [Fact]
    public async Task An_idle_actor_is_deactivated()
    {
        await using var app = await ActorApp.StartAsync(temp.Database, idleTimeout: TimeSpan.FromMilliseconds(500));
        await app.Counter("idle").IncrementAsync();
        await Eventually.WaitAsync(() => Task.FromResult(app.Probe.Events), events => events.Contains("deactivate idle"), "idle deactivation");

        // Its state stays; the next call activates it again.
        Assert.Equal(2, await app.Counter("idle").IncrementAsync());
    }

    public void Dispose() => temp.Dispose();
}
