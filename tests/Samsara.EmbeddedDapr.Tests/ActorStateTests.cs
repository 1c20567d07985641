namespace Samsara.EmbeddedDapr.Tests;

/// <summary>Actor state through the SDK on the embedded sidecar: durable across a process restart, turns serialized, TTL honoured.</summary>
public sealed class ActorStateTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task State_survives_a_host_restart()
    {
        await using (var first = await ActorApp.StartAsync(temp.Database))
        {
            var counter = first.Counter("kept");
            for (var i = 0; i < 3; i++) await counter.IncrementAsync();
        }

        await using var second = await ActorApp.StartAsync(temp.Database);
        Assert.Equal(3, await second.Counter("kept").CountAsync());
        Assert.Equal(0, await second.Counter("other").CountAsync());
    }

    [Fact]
    public async Task Concurrent_calls_to_one_actor_take_turns()
    {
        await using var app = await ActorApp.StartAsync(temp.Database);
        var counter = app.Counter("busy");
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => counter.IncrementAsync()));

        // Each increment read the one before it: no two turns overlapped, none was lost.
        Assert.Equal(Enumerable.Range(1, 16), results.Order());
        Assert.Equal(16, await counter.CountAsync());
        Assert.Equal(1, app.Probe.MaxOverlap);
    }

    [Fact]
    public async Task A_value_with_a_ttl_expires()
    {
        await using (var app = await ActorApp.StartAsync(temp.Database))
        {
            var counter = app.Counter("ttl");
            await counter.SetWithTtlAsync(new Sample.TtlValue("short", "gone soon", Seconds: 1));
            await counter.SetWithTtlAsync(new Sample.TtlValue("long", "still here", Seconds: 3600));
            Assert.Equal("still here", await counter.GetAsync("long"));
        }

        // The SDK caches state within an activation; a new process reads what the sidecar still holds.
        await using var restarted = await ActorApp.StartAsync(temp.Database);
        await Eventually.WaitAsync(() => restarted.Counter("ttl").GetAsync("short"), value => value is null, "the 1 s value expiring");
        Assert.Equal("still here", await restarted.Counter("ttl").GetAsync("long"));
    }

    public void Dispose() => temp.Dispose();
}
