using Samsara.Actors.Internal;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Embedded;

/// <summary>Idle actors are released (OnDeactivateAsync runs) and come back with their state on the next call.</summary>
public sealed class IdleDeactivationTests : IDisposable
{
    private static readonly Dictionary<string, string?> FastIdle = new()
    {
        ["Actors:IdleTimeout"] = "300ms",
        ["Actors:ScanInterval"] = "50ms",
    };

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task An_idle_actor_is_deactivated_and_reactivation_reloads_its_state()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"), FastIdle);
        var counter = runtime.Counter("a");
        await counter.IncrementAsync(4);

        await Eventually.TrueAsync(() => runtime.Probe.Count("deactivate:a") == 1, "idle deactivation");
        Assert.False(runtime.Manager.IsActive(new ActorKey("Counter", "a")));

        Assert.Equal(5, await counter.IncrementAsync(1));
        Assert.Equal(["activate:a", "deactivate:a", "activate:a"], runtime.Probe.Events);
    }

    [Fact]
    public async Task An_actor_in_a_long_turn_is_not_idle()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"), FastIdle);

        await runtime.Counter("busy").SlowIncrementAsync(900); // three idle timeouts long

        Assert.Equal(["activate:busy"], runtime.Probe.Events);
        await Eventually.TrueAsync(() => runtime.Probe.Count("deactivate:busy") == 1, "deactivation once idle");
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_active_actor()
    {
        var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        await runtime.Counter("x").IncrementAsync(1);
        await runtime.Counter("y").IncrementAsync(1);

        await runtime.DisposeAsync();

        Assert.Equal(1, runtime.Probe.Count("deactivate:x"));
        Assert.Equal(1, runtime.Probe.Count("deactivate:y"));
    }

    public void Dispose() => temp.Dispose();
}
