using System.Net;
using System.Text;
using Samsara.Actors.Tests.FakeSidecar;
using Samsara.Actors.Tests.Sample;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Dapr;

/// <summary>
/// The Dapr runtime end to end against the fake sidecar: proxies call through it, state lives in it, it
/// drives reminders and timers, and the app's answers (statuses, X-DaprReminderCancel) steer it.
/// </summary>
public sealed class SidecarRoundTripTests : IAsyncLifetime
{
    private FakeDaprSidecar sidecar = null!;

    public async Task InitializeAsync() => sidecar = await FakeDaprSidecar.StartAsync();

    public async Task DisposeAsync() => await sidecar.DisposeAsync();

    [Fact]
    public async Task A_proxy_call_goes_through_the_sidecar_and_state_lives_there()
    {
        await using var app = await DaprApp.StartAsync(sidecar);

        Assert.Equal(5, await app.Counter("a").IncrementAsync(5));
        Assert.Equal(7, await app.Counter("a").IncrementAsync(2));

        Assert.Equal("7", sidecar.GetState("Counter", "a", "count"));
        // One transaction per turn, only the changed key, the value inline as JSON.
        Assert.Equal(
            ["""[{"operation":"upsert","request":{"key":"count","value":5}}]""", """[{"operation":"upsert","request":{"key":"count","value":7}}]"""],
            sidecar.Transactions);
    }

    [Fact]
    public async Task State_outlives_the_app_process()
    {
        await using (var first = await DaprApp.StartAsync(sidecar))
        {
            await first.Counter("a").IncrementAsync(4);
            await first.Counter("a").SaveProfileAsync(new Profile("Ada", ["x"], DateTimeOffset.UnixEpoch));
        }

        await using var second = await DaprApp.StartAsync(sidecar);

        Assert.Equal(4, await second.Counter("a").ReadAsync("count"));
        Assert.Equal("Ada", (await second.Counter("a").SaveProfileAsync(new Profile("Ada", ["x"], DateTimeOffset.UnixEpoch))).DisplayName);
        Assert.Equal(["activate:a"], second.Probe.Events);
    }

    [Fact]
    public async Task A_failing_method_reaches_the_caller_as_daprds_500_and_saves_nothing()
    {
        await using var app = await DaprApp.StartAsync(sidecar);

        var failure = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => app.Counter("a").IncrementThenFailAsync(3));
        var missing = await Assert.ThrowsAsync<ActorMethodInvocationException>(() =>
            app.Proxies.Create(new ActorId("a"), "Counter").InvokeMethodAsync("Nope"));

        Assert.Equal(500, failure.StatusCode);
        Assert.Contains("ERR_ACTOR_INVOKE_METHOD", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom after adding 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("error from actor service: (404)", missing.Message, StringComparison.Ordinal);
        Assert.Empty(sidecar.Transactions);
    }

    [Fact]
    public async Task Reminders_are_registered_with_daprd_fired_by_it_and_cancelled_by_the_answer_header()
    {
        await using var app = await DaprApp.StartAsync(sidecar);

        await app.Counter("a").RemindAsync(new ReminderPlan("beat", DueMilliseconds: 50, PeriodMilliseconds: 100, Note: "hi", StopAfter: 3));
        await Eventually.TrueAsync(() => sidecar.Scheduled().Count == 0, "the reminder cancelled by the app");

        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("hi"));
        Assert.Equal([$$"""reminder beat {"dueTime":"0h0m0s50ms","period":"0h0m0s100ms","data":"{{data}}","overwrite":true}"""], sidecar.Registrations);
        Assert.Equal(
            ["remind Counter/a/beat 200 cancel=False", "remind Counter/a/beat 200 cancel=False", "remind Counter/a/beat 200 cancel=True"],
            sidecar.Deliveries);
        Assert.Equal("3", sidecar.GetState("Counter", "a", "reminders:beat"));
        Assert.Contains("remind:a:beat:hi:50:100", app.Probe.Events);
    }

    [Fact]
    public async Task A_reminder_wakes_an_inactive_actor_and_unregistering_deletes_it_at_daprd()
    {
        await using var app = await DaprApp.StartAsync(sidecar);
        await app.Counter("a").RemindAsync(new ReminderPlan("slow", DueMilliseconds: 60_000, PeriodMilliseconds: null, Note: "n"));
        await app.Counter("b").RemindAsync(new ReminderPlan("soon", DueMilliseconds: 1500, PeriodMilliseconds: null, Note: "n"));
        Assert.Equal(HttpStatusCode.OK, await sidecar.DeactivateAsync("Counter", "b"));

        await Eventually.TrueAsync(() => sidecar.Deliveries.Count == 1, "the one-shot reminder");
        await app.Counter("a").ForgetReminderAsync("slow");

        Assert.Equal(["activate:a", "activate:b", "deactivate:b", "activate:b"], app.Probe.Events.Where(e => !e.StartsWith("remind:", StringComparison.Ordinal)));
        Assert.Empty(sidecar.Scheduled());
    }

    [Fact]
    public async Task Timers_fire_while_active_and_stop_when_the_callback_unregisters()
    {
        await using var app = await DaprApp.StartAsync(sidecar);

        await app.Counter("a").StartTimerAsync(new TimerPlan("tick", DueMilliseconds: 20, PeriodMilliseconds: 60, StopAfter: 2));
        await Eventually.TrueAsync(() => sidecar.Scheduled().Count == 0, "the timer cancelled by the app");

        Assert.Equal(["timer Counter/a/tick 200 cancel=False", "timer Counter/a/tick 200 cancel=True"], sidecar.Deliveries);
        Assert.Equal("2", sidecar.GetState("Counter", "a", "ticks:tick"));
        Assert.StartsWith("""timer tick {"dueTime":"0h0m0s20ms","period":"0h0m0s60ms","callback":"OnTickAsync","data":""", sidecar.Registrations.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_daprd_deactivates_an_actor_the_next_call_reactivates_it_from_sidecar_state()
    {
        await using var app = await DaprApp.StartAsync(sidecar);
        await app.Counter("a").IncrementAsync(2);

        Assert.Equal(HttpStatusCode.OK, await sidecar.DeactivateAsync("Counter", "a"));
        Assert.Equal(3, await app.Counter("a").IncrementAsync(1));

        Assert.Equal(["activate:a", "deactivate:a", "activate:a"], app.Probe.Events);
    }

    [Fact]
    public async Task Api_tokens_go_to_daprd_and_are_required_from_it()
    {
        await using var app = await DaprApp.StartAsync(sidecar, new Dictionary<string, string?>
        {
            ["DAPR_API_TOKEN"] = "to-daprd",
            ["APP_API_TOKEN"] = "from-daprd",
        });
        sidecar.MarkActive("Counter", "a");

        using var anonymous = await app.Http.PutAsync(new Uri("/actors/Counter/a/method/IncrementAsync", UriKind.Relative), new StringContent("1"));
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/actors/Counter/a/method/IncrementAsync", UriKind.Relative))
        {
            Content = new StringContent("1"),
        };
        request.Headers.Add("dapr-api-token", "from-daprd");
        using var authorized = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal("to-daprd", sidecar.LastApiToken);
    }
}
