using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Embedded;

/// <summary>Turn-based access: one call at a time per actor id; different ids run side by side.</summary>
public sealed class TurnConcurrencyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Concurrent_calls_to_one_actor_run_one_at_a_time()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("serial");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => counter.SlowIncrementAsync(30))));

        // Every turn saw the previous turn's committed count: no lost updates, no overlap.
        Assert.Equal(Enumerable.Range(1, 8), results.Order());
        Assert.Equal(1, runtime.Probe.MaxOverlap("serial"));
        Assert.Equal(8, await counter.ReadAsync("count"));
    }

    [Fact]
    public async Task Calls_to_different_actors_run_in_parallel()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));

        // Each call waits until three calls are in flight at once: only possible if they run in parallel.
        var met = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => $"p{i}").Select(id => Task.Run(() => runtime.Counter(id).MeetAsync(3))));

        Assert.All(met, Assert.True);
    }

    [Fact]
    public async Task Calls_to_one_actor_cannot_meet_inside_the_actor()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("alone");

        var met = await Task.WhenAll(Task.Run(() => counter.MeetAsync(2)), Task.Run(() => counter.MeetAsync(2)));

        Assert.All(met, Assert.False);
        Assert.Equal(1, runtime.Probe.MaxOverlap("alone"));
    }

    public void Dispose() => temp.Dispose();
}
