using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Generation;
using Samsara.Endpoints.Generation;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests;

/// <summary>The OpenAI backends against a test double that fails on purpose: runs complete with exact counts, or fail clearly.</summary>
public sealed class FaultInjectionTests
{
    private static readonly GenerationOptions Greedy = new() { Temperature = 0, MaxNewTokens = 8, BatchSize = 16, Seed = 5 };

    [Theory]
    [InlineData(Fault.RateLimited, false, EndpointApi.Completions)]
    [InlineData(Fault.ServerError, false, EndpointApi.Completions)]
    [InlineData(Fault.ServerError, false, EndpointApi.Chat)]
    [InlineData(Fault.TruncatedBody, false, EndpointApi.Completions)]
    [InlineData(Fault.TruncatedBody, false, EndpointApi.Chat)]
    [InlineData(Fault.TruncatedStream, true, EndpointApi.Completions)]
    [InlineData(Fault.TruncatedStream, true, EndpointApi.Chat)]
    [InlineData(Fault.Slow, false, EndpointApi.Completions)]
    public async Task Every_prompt_failing_once_still_completes_with_exact_counts(Fault fault, bool stream, EndpointApi api)
    {
        await using var server = new FaultyOpenAiServer((attempt, _) => attempt == 1 ? fault : Fault.None, slow: TimeSpan.FromSeconds(20));
        await server.StartAsync();
        var prompts = TestQueries.Prompts(12);
        using var endpoint = new OpenAiEndpoint(server.Options(stream: stream, timeout: fault == Fault.Slow ? TimeSpan.FromSeconds(2) : null));

        var completions = new EndpointTextGenerator(endpoint, api).Generate(prompts, Greedy);

        Assert.Equal(prompts.Select(FaultyOpenAiServer.Reply), completions.Select(c => c.Text));
        Assert.All(completions, c => Assert.Equal(FinishReason.Stop, c.FinishReason));
        Assert.Equal(12, endpoint.Usage.Requests);
        Assert.Equal(12, endpoint.Usage.Retries);
        Assert.Equal(0, endpoint.Usage.Failures);
        Assert.Equal(24, server.TotalAttempts);
        Assert.Equal(new TokenUsage(prompts.Sum(p => p.Length), 36), endpoint.Usage.Usage);
    }

    [Fact]
    public async Task Retry_after_is_waited_out_instead_of_the_short_backoff()
    {
        await using var server = new FaultyOpenAiServer((attempt, _) => attempt == 1 ? Fault.RateLimited : Fault.None, retryAfter: "1");
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options());   // backoff alone would wait 5–10 ms

        var answer = await endpoint.CompleteTextAsync("hello", new EndpointSampling());

        Assert.Equal("reply(5)", answer.Text);
        var arrivals = server.Arrivals["hello"].ToArray();
        Assert.Equal(2, arrivals.Length);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("0.25")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public void Retry_after_reads_seconds_and_dates(string header)
    {
        var parsed = Internal.Backoff.ParseRetryAfter(null, header, DateTimeOffset.UnixEpoch.AddSeconds(-2));
        Assert.Equal(header.Contains(',', StringComparison.Ordinal) ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250), parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(40), Internal.Backoff.ParseRetryAfter("40", header, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_stops_at_the_cap()
    {
        var options = new EndpointOptions { BaseUrl = new Uri("http://127.0.0.1/v1"), Model = "m", InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(8) };
        var random = new Random(3);
        for (var retry = 1; retry <= 6; retry++)
        {
            var ceiling = Math.Min(Math.Pow(2, retry - 1), 8);
            var delay = Internal.Backoff.Delay(retry, options, null, random).TotalSeconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
        Assert.Equal(options.MaxRetryAfter, Internal.Backoff.Delay(1, options, TimeSpan.FromHours(1), random));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_an_error_after_the_last_attempt()
    {
        await using var server = new FaultyOpenAiServer((_, _) => Fault.ServerError);
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options(attempts: 3));

        var e = Assert.Throws<EndpointException>(() => new EndpointTextGenerator(endpoint).Generate(["a"], Greedy, labels: ["prompts.jsonl:1: prompt 'a'"]));

        Assert.Contains("prompts.jsonl:1: prompt 'a'", e.Message);
        Assert.Contains("HTTP 500: The server had an error (gave up after 3 attempts)", e.Message);
        Assert.Equal(3, server.TotalAttempts);
        Assert.Equal(1, endpoint.Usage.Failures);
    }

    [Fact]
    public async Task Garbage_is_an_error_at_once_not_a_retry()
    {
        await using var server = new FaultyOpenAiServer((_, _) => Fault.Garbage);
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options());

        var text = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteTextAsync("x", new EndpointSampling()));
        var chat = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteChatAsync([ChatTurn.User("y")], new EndpointSampling()));

        Assert.Contains("not an OpenAI response", text.Message);
        Assert.Contains("not an OpenAI response", chat.Message);
        Assert.Equal(2, server.TotalAttempts);
        Assert.Equal(0, endpoint.Usage.Requests);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_error_naming_it()
    {
        await using var server = new FaultyOpenAiServer((_, _) => Fault.UnknownModel);
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options());
        using var misnamed = new OpenAiEndpoint(server.Options() with { Model = "gpt-5" });

        var e = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteChatAsync([ChatTurn.User("x")], new EndpointSampling()));
        var listed = await Assert.ThrowsAsync<EndpointException>(() => misnamed.EnsureModelServedAsync());

        Assert.Equal(404, e.StatusCode);
        Assert.Contains("does not exist", e.Message);
        Assert.Equal(1, server.TotalAttempts);
        Assert.Contains("does not serve model 'gpt-5' (it serves: double)", listed.Message);
    }

    [Fact]
    public async Task An_endpoint_that_is_down_is_an_error_naming_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();   // nothing listens there now
        using var endpoint = new OpenAiEndpoint(new EndpointOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m", MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(5),
        });

        var e = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteTextAsync("x", new EndpointSampling()));

        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("could not be reached", e.Message);
        Assert.Contains("gave up after 2 attempts", e.Message);
        Assert.Equal(1, endpoint.Usage.Retries);
    }

    [Fact]
    public async Task A_generation_file_cut_short_by_a_failing_endpoint_is_finished_by_a_rerun()
    {
        using var dir = new TempDirectory();
        var queries = TestQueries.Make(7);
        // Every request for query q4's prompts fails with garbage during the first run only.
        var firstRun = true;
        await using var server = new FaultyOpenAiServer((_, prompt) => firstRun && prompt.Contains("Question 4", StringComparison.Ordinal) ? Fault.Garbage : Fault.None);
        await server.StartAsync();
        var sampler = new ConstitutionSampler(PrincipleSet.Default, seed: 2, perQuery: 2);
        var file = new GenerationFile(dir.File("gen.jsonl"), sampler);
        var options = Greedy with { BatchSize = 4 };   // groups of two queries
        using var endpoint = new OpenAiEndpoint(server.Options());

        Assert.Throws<EndpointException>(() => file.Complete(queries, () => new EndpointTextGenerator(endpoint), options));
        var before = Jsonl.Read(file.Path).Select(r => r.Id()).ToArray();
        Assert.Equal(["q0", "q1", "q2", "q3"], before);   // whole groups only: q4's group is not written

        firstRun = false;
        var generated = file.Complete(queries, () => new EndpointTextGenerator(endpoint), options);

        Assert.Equal(3, generated);
        var lines = Jsonl.Read(file.Path).ToList();
        Assert.Equal(queries.Select(q => q.Id), lines.Select(l => l.Id()));
        Assert.All(lines, l => Assert.Equal(2, ((JsonArray)l.Object["responses"]!).Count));
        Assert.All(lines, l => Assert.All((JsonArray)l.Object["responses"]!, r => Assert.StartsWith("reply(", r!.GetValue<string>(), StringComparison.Ordinal)));
    }
}
