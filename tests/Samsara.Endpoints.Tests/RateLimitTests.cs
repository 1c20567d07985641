using System.Globalization;
using Samsara.Endpoints.Internal;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests;

/// <summary>
/// A 429 pauses every request of the process to that endpoint: what the fault double receives while the pause lasts
/// is read on a clock the test moves by hand, so nothing depends on how fast the machine is.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30")]
    [InlineData("Thu, 01 Jan 2026 00:00:30 GMT")]
    public async Task A_429_with_retry_after_holds_back_every_call_to_the_endpoint_until_it_is_over(string retryAfter)
    {
        var clock = new ManualClock(Start);
        await using var server = new FaultyOpenAiServer((attempt, prompt) => prompt == "first" && attempt == 1 ? Fault.RateLimited : Fault.None, retryAfter);
        await server.StartAsync();
        // Two clients of one endpoint, as two judges of one replica would have: the pause is the endpoint's, not a client's.
        using var one = new OpenAiEndpoint(server.Options(), time: clock);
        using var other = new OpenAiEndpoint(server.Options(), time: clock);

        var first = one.CompleteTextAsync("first", new EndpointSampling());
        await ManualClock.WaitForAsync(() => clock.PendingTimers == 1, "the rate-limited call to wait out its pause");
        var second = other.CompleteTextAsync("second", new EndpointSampling());
        await ManualClock.WaitForAsync(() => clock.PendingTimers == 2, "the second call to wait for the same pause");

        Assert.Equal(1, server.TotalAttempts);                  // the second call sent nothing during the pause
        Assert.False(server.Arrivals.ContainsKey("second"));
        Assert.False(first.IsCompleted || second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(2, clock.PendingTimers);                   // a second early, still waiting
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("reply(5)", (await first).Text);
        Assert.Equal("reply(6)", (await second).Text);
        Assert.Equal(2, server.Arrivals["first"].Count);
        Assert.Single(server.Arrivals["second"]);
        Assert.Equal((1, 1, 1), (one.Usage.RateLimited, one.Usage.Retries, one.Usage.ThrottledWaits));
        Assert.Equal((0, 0, 1), (other.Usage.RateLimited, other.Usage.Retries, other.Usage.ThrottledWaits));
    }

    [Fact]
    public async Task A_429_that_asks_for_more_than_the_patience_is_a_clear_error_at_once()
    {
        var clock = new ManualClock(Start);
        await using var server = new FaultyOpenAiServer((_, _) => Fault.RateLimited, retryAfter: "3600");
        await server.StartAsync();
        // Retry-After is honoured up to MaxRetryAfter (5 min): still more than a minute's patience.
        using var endpoint = new OpenAiEndpoint(server.Options() with { RateLimitPatience = TimeSpan.FromMinutes(1) }, time: clock);

        var e = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteTextAsync("x", new EndpointSampling()));

        Assert.Equal(429, e.StatusCode);
        Assert.Contains(server.BaseUrl.ToString(), e.Message);
        Assert.Contains("HTTP 429: Rate limit reached; rate-limited for longer than the patience of 60 s", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(1, server.TotalAttempts);
        Assert.Equal((1, 1, 0L), (endpoint.Usage.RateLimited, endpoint.Usage.Failures, endpoint.Usage.Requests));
    }

    [Fact]
    public async Task Rate_limits_within_the_patience_use_up_no_attempts()
    {
        // Five 429s in a row to a client allowed two attempts: a rate limit slows the request down, it does not fail it.
        await using var server = new FaultyOpenAiServer((attempt, _) => attempt <= 5 ? Fault.RateLimited : Fault.None, retryAfter: "0");
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options(attempts: 2));

        var answer = await endpoint.CompleteTextAsync("hello", new EndpointSampling());

        Assert.Equal("reply(5)", answer.Text);
        Assert.Equal(6, server.TotalAttempts);
        Assert.Equal((1L, 5L, 5L, 0L), (endpoint.Usage.Requests, endpoint.Usage.Retries, endpoint.Usage.RateLimited, endpoint.Usage.Failures));
    }

    [Fact]
    public void Without_retry_after_the_pause_rises_only_with_429s_to_requests_sent_after_it_began()
    {
        var clock = new ManualClock(Start);
        var options = new EndpointOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = "m", InitialBackoff = TimeSpan.FromSeconds(4), MaxBackoff = TimeSpan.FromSeconds(64) };
        var throttle = new EndpointThrottle(clock);
        var random = new Random(1);
        TimeSpan PauseAfter(DateTimeOffset sentAt) => throttle.RateLimited(sentAt, null, options, random) - clock.GetUtcNow();

        Assert.InRange(PauseAfter(Start).TotalSeconds, 2, 4);          // level 1: 4 s, jittered to [2, 4]
        for (var i = 0; i < 5; i++)
            Assert.InRange(PauseAfter(Start.AddMilliseconds(-1)).TotalSeconds, 2, 4);   // sent before the pause began: no news, no rise
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.InRange(PauseAfter(Start.AddSeconds(5)).TotalSeconds, 4, 8);        // sent after it began: level 2
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.InRange(PauseAfter(Start.AddSeconds(14)).TotalSeconds, 8, 16);      // level 3
        throttle.Answered();
        clock.Advance(TimeSpan.FromSeconds(17));
        Assert.InRange(PauseAfter(Start.AddSeconds(31)).TotalSeconds, 2, 4);       // an answer in between: back to level 1
        Assert.Equal(TimeSpan.FromSeconds(7), throttle.RateLimited(clock.GetUtcNow(), TimeSpan.FromSeconds(7), options, random) - clock.GetUtcNow());
    }

    [Fact]
    public void Retry_after_dates_count_from_the_clients_clock()
    {
        var date = Start.AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(90), Backoff.ParseRetryAfter(null, date, Start));
        Assert.Equal(TimeSpan.Zero, Backoff.ParseRetryAfter(null, date, Start.AddHours(1)));   // a date already past: no wait
    }
}
