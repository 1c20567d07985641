using Samsara.Actors.Internal;
using Samsara.Actors.Tests.Sample;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Embedded;

/// <summary>Timers: in memory, turns of the active instance only, gone with the activation.</summary>
public sealed class TimerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_timer_ticks_until_its_callback_unregisters_it()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("a");

        await counter.StartTimerAsync(new TimerPlan("tick", DueMilliseconds: 20, PeriodMilliseconds: 50, StopAfter: 3));
        await Eventually.TrueAsync(() => runtime.Probe.Count("tick:a:tick") == 3, "three ticks");
        await Task.Delay(300);

        Assert.Equal(3, runtime.Probe.Count("tick:a:tick"));
        Assert.Equal(3, await counter.ReadAsync("ticks:tick")); // each tick was a committed turn
    }

    [Fact]
    public async Task Deactivation_stops_timers_and_a_timer_never_reactivates_an_actor()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        await runtime.Counter("a").StartTimerAsync(new TimerPlan("forever", DueMilliseconds: 20, PeriodMilliseconds: 40));
        await Eventually.TrueAsync(() => runtime.Probe.Count("tick:a:forever") >= 2, "ticks");

        await runtime.Manager.DeactivateAsync(new ActorKey("Counter", "a"));
        var ticks = runtime.Probe.Count("tick:a:forever");
        await Task.Delay(300);

        Assert.Equal(ticks, runtime.Probe.Count("tick:a:forever"));
        Assert.Equal(1, runtime.Probe.Count("activate:a"));
        Assert.False(runtime.Manager.IsActive(new ActorKey("Counter", "a")));
    }

    [Fact]
    public async Task Unregistering_a_timer_stops_it()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("a");
        await counter.StartTimerAsync(new TimerPlan("t", DueMilliseconds: 20, PeriodMilliseconds: 40));
        await Eventually.TrueAsync(() => runtime.Probe.Count("tick:a:t") >= 2, "ticks");

        await counter.StopTimerAsync("t");
        var ticks = runtime.Probe.Count("tick:a:t");
        await Task.Delay(300);

        Assert.Equal(ticks, runtime.Probe.Count("tick:a:t"));
    }

    public void Dispose() => temp.Dispose();
}
