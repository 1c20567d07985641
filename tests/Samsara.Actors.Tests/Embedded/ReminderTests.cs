using Microsoft.Extensions.DependencyInjection;
using Samsara.Actors.Internal;
using Samsara.Actors.Internal.Embedded;
using Samsara.Actors.Tests.Sample;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Embedded;

/// <summary>Reminders in the embedded runtime: durable, delivered as turns, stopped by unregistering.</summary>
public sealed class ReminderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_periodic_reminder_fires_until_unregistered()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("a");

        await counter.RemindAsync(new ReminderPlan("beat", DueMilliseconds: 50, PeriodMilliseconds: 100, Note: "hello"));
        await Eventually.TrueAsync(() => runtime.Probe.Count("remind:a:beat:") >= 3, "three deliveries");
        await counter.ForgetReminderAsync("beat");
        var delivered = await counter.ReadAsync("reminders:beat");
        await Task.Delay(500);

        Assert.Equal(delivered, await counter.ReadAsync("reminders:beat"));
        Assert.Equal(delivered, runtime.Probe.Count("remind:a:beat:"));
        Assert.Contains("remind:a:beat:hello:50:100", runtime.Probe.Events);
        Assert.Empty(await Reminders(runtime));
    }

    [Fact]
    public async Task A_reminder_due_while_the_process_was_down_fires_on_start()
    {
        var path = temp.File("actors.db");
        await using (var first = await EmbeddedRuntime.StartAsync(path))
        {
            await first.Counter("a").RemindAsync(new ReminderPlan("once", DueMilliseconds: 1000, PeriodMilliseconds: null, Note: "later"));
        }

        await Task.Delay(1300); // due while no runtime is running

        await using var second = await EmbeddedRuntime.StartAsync(path);
        await Eventually.TrueAsync(() => second.Probe.Count("remind:a:once:later") == 1, "the missed reminder");

        Assert.Equal(["activate:a", "remind:a:once:later:1000:-1"], second.Probe.Events);
        Assert.Equal(1, await second.Counter("a").ReadAsync("reminders:once"));
        await Eventually.TrueAsync(async () => (await Reminders(second)).Count == 0, "a one-shot reminder is removed once delivered");
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_firing_after_a_restart()
    {
        var path = temp.File("actors.db");
        await using (var first = await EmbeddedRuntime.StartAsync(path))
        {
            await first.Counter("a").RemindAsync(new ReminderPlan("beat", DueMilliseconds: 50, PeriodMilliseconds: 100, Note: "n"));
            await Eventually.TrueAsync(() => first.Probe.Count("remind:a:beat:") >= 2, "deliveries before the restart");
        }

        await using var second = await EmbeddedRuntime.StartAsync(path);
        var before = await second.Counter("a").ReadAsync("reminders:beat");
        await Eventually.TrueAsync(() => second.Probe.Count("remind:a:beat:") >= 2, "deliveries after the restart");

        Assert.True(await second.Counter("a").ReadAsync("reminders:beat") >= before + 2);
    }

    [Fact]
    public async Task A_callback_that_unregisters_its_reminder_stops_it()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));
        var counter = runtime.Counter("a");

        await counter.RemindAsync(new ReminderPlan("twice", DueMilliseconds: 20, PeriodMilliseconds: 50, Note: "n", StopAfter: 2));
        await Eventually.TrueAsync(() => runtime.Probe.Count("remind:a:twice:") == 2, "two deliveries");
        await Task.Delay(400);

        Assert.Equal(2, runtime.Probe.Count("remind:a:twice:"));
        Assert.Empty(await Reminders(runtime));
    }

    [Fact]
    public async Task A_reminder_registered_in_a_failed_turn_does_not_exist()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));

        await Assert.ThrowsAsync<ActorMethodInvocationException>(() =>
            runtime.Counter("a").RemindThenFailAsync(new ReminderPlan("ghost", DueMilliseconds: 10, PeriodMilliseconds: null, Note: "n")));
        await Task.Delay(300);

        Assert.Empty(await Reminders(runtime));
        Assert.Equal(0, runtime.Probe.Count("remind:"));
    }

    public void Dispose() => temp.Dispose();

    private static Task<IReadOnlyList<ReminderRecord>> Reminders(EmbeddedRuntime runtime) =>
        runtime.Services.GetRequiredService<SqliteReminderTable>().GetEarliestAsync(100, CancellationToken.None);
}
