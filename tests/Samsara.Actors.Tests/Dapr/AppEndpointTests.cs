using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samsara.Actors.Tests.FakeSidecar;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Dapr;

/// <summary>
/// The routes daprd calls on the app (reference §1), over real HTTP: exact bodies and status codes. The
/// sidecar behind the app's state is the fake; calls here play daprd's part directly.
/// </summary>
public sealed class AppEndpointTests : IAsyncLifetime
{
    private FakeDaprSidecar sidecar = null!;
    private DaprApp app = null!;

    public async Task InitializeAsync()
    {
        sidecar = await FakeDaprSidecar.StartAsync();
        app = await DaprApp.StartAsync(sidecar);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await sidecar.DisposeAsync();
    }

    [Fact]
    public async Task Dapr_config_lists_the_actor_types_and_their_settings()
    {
        using var response = await app.Http.GetAsync(new Uri("/dapr/config", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"entities":["Counter"],"actorIdleTimeout":"0h10m0s0ms","drainOngoingCallTimeout":"0h0m30s0ms","drainRebalancedActors":true,"reentrancy":{"enabled":false}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_method_call_answers_200_with_the_json_result_and_saves_state_in_the_sidecar()
    {
        sidecar.MarkActive("Counter", "a");

        using var response = await Put("/actors/Counter/a/method/IncrementAsync", "5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", await response.Content.ReadAsStringAsync());
        Assert.Equal("5", sidecar.GetState("Counter", "a", "count"));
        Assert.Equal(["activate:a"], app.Probe.Events);
    }

    [Fact]
    public async Task A_method_returning_plain_task_answers_200_with_an_empty_body()
    {
        sidecar.MarkActive("Counter", "a");

        using var response = await Put("/actors/Counter/a/method/ForgetReminderAsync", "\"none\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_method_is_404_which_daprd_does_not_retry()
    {
        using var response = await Put("/actors/Counter/a/method/Nope", "");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ERR_ACTOR_METHOD_NOT_FOUND", await ErrorCode(response));
        Assert.Empty(app.Probe.Events); // nothing was activated
    }

    [Fact]
    public async Task An_unknown_actor_type_is_500_as_the_dotnet_sdk_answers()
    {
        using var response = await Put("/actors/Ghost/a/method/IncrementAsync", "1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("ERR_ACTOR_TYPE_NOT_REGISTERED", await ErrorCode(response));
    }

    [Fact]
    public async Task A_body_that_is_not_the_payload_type_is_400()
    {
        using var response = await Put("/actors/Counter/a/method/IncrementAsync", "\"five\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_MALFORMED_REQUEST", await ErrorCode(response));
    }

    [Fact]
    public async Task A_method_that_throws_is_500_with_its_message_and_saves_nothing()
    {
        sidecar.MarkActive("Counter", "a");

        using var response = await Put("/actors/Counter/a/method/IncrementThenFailAsync", "3");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_ACTOR_CALL_FAILED", error.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal("boom after adding 3", error.RootElement.GetProperty("message").GetString());
        Assert.Null(sidecar.GetState("Counter", "a", "count"));
        Assert.Empty(sidecar.Transactions);
    }

    [Fact]
    public async Task A_turn_whose_state_write_daprd_refuses_fails_with_daprds_error()
    {
        // The sidecar does not count this actor as hosted here: 400 ERR_ACTOR_INSTANCE_MISSING.
        using var response = await Put("/actors/Counter/stray/method/IncrementAsync", "1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("400 ERR_ACTOR_INSTANCE_MISSING", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_callback_is_delivered_with_its_data_and_answers_200()
    {
        sidecar.MarkActive("Counter", "a");
        var body = $$"""{"data":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("note"))}}","dueTime":"0h0m1s0ms","period":"0h0m2s0ms"}""";

        using var response = await Put("/actors/Counter/a/method/remind/r", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-DaprReminderCancel"));
        Assert.Contains("remind:a:r:note:1000:2000", app.Probe.Events);
        Assert.Equal("1", sidecar.GetState("Counter", "a", "reminders:r"));
    }

    [Fact]
    public async Task A_reminder_callback_that_unregisters_itself_answers_with_the_cancel_header()
    {
        sidecar.MarkActive("Counter", "a");
        sidecar.SetState("Counter", "a", "stopAfter:r", "1");

        using var response = await Put("/actors/Counter/a/method/remind/r", """{"dueTime":"0h0m0s0ms","period":"0h0m1s0ms"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["true"], response.Headers.GetValues("X-DaprReminderCancel"));
    }

    [Fact]
    public async Task A_timer_callback_runs_the_named_method()
    {
        sidecar.MarkActive("Counter", "a");
        var body = $$"""{"callback":"OnTickAsync","data":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("t"))}}","dueTime":"0h0m0s100ms","period":"0h0m0s100ms"}""";

        using var response = await Put("/actors/Counter/a/method/timer/t", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", sidecar.GetState("Counter", "a", "ticks:t"));
        Assert.Contains("tick:a:t", app.Probe.Events);
    }

    [Theory]
    [InlineData("""{"callback":"NoSuchCallback","dueTime":"0h0m0s0ms","period":""}""", HttpStatusCode.NotFound)]
    [InlineData("""{"dueTime":"0h0m0s0ms","period":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"callback":""", HttpStatusCode.BadRequest)]
    public async Task A_timer_callback_that_cannot_run_is_refused(string body, HttpStatusCode expected)
    {
        using var response = await Put("/actors/Counter/a/method/timer/t", body);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Deactivation_runs_OnDeactivateAsync_and_is_idempotent()
    {
        sidecar.MarkActive("Counter", "a");
        (await Put("/actors/Counter/a/method/IncrementAsync", "1")).Dispose();

        using var first = await app.Http.DeleteAsync(new Uri("/actors/Counter/a", UriKind.Relative));
        using var again = await app.Http.DeleteAsync(new Uri("/actors/Counter/a", UriKind.Relative));
        using var never = await app.Http.DeleteAsync(new Uri("/actors/Counter/never-active", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, never.StatusCode);
        Assert.Equal(["activate:a", "deactivate:a"], app.Probe.Events);
    }

    [Fact]
    public async Task Deactivating_an_unknown_actor_type_is_500()
    {
        using var response = await app.Http.DeleteAsync(new Uri("/actors/Ghost/a", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        using var response = await app.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> Put(string path, string body) =>
        app.Http.PutAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<string?> ErrorCode(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString();
}
