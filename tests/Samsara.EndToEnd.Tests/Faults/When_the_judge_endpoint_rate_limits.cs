using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;
using Samsara.Testing.Endpoints;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The run's LLM judge sits behind an OpenAI-compatible endpoint (the fault double) that answers bursts of 429 with a
/// short Retry-After: three requests refused in every twelve it receives. The judge replicas throttle instead of
/// failing: the run completes, every item is judged once, and the report's endpoint usage counts exactly the calls the
/// endpoint answered (their tokens as it billed them) and the 429s it sent.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_the_judge_endpoint_rate_limits(ClusterFixture fixture)
{
    [Fact]
    public async Task The_run_slows_down_completes_and_counts_only_the_answered_calls()
    {
        var bursts = new RateLimitBursts(every: 12, refused: 3);
        await using var endpoint = new FaultyOpenAiServer(bursts.Decide, retryAfter: "0.5", answer: _ => "[[A]]");
        await endpoint.StartAsync();
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);

        var run = await runs.StartAsync(JudgedPipeline.Spec(cluster.Artifacts, $"openai:{endpoint.BaseUrl}#{FaultyOpenAiServer.Model}"));
        await runs.UntilFinalAsync(run.Id, RunState.Completed);

        var work = new WorkLog(cluster, run.Id);
        JudgedPipeline.AssertEachItemJudgedOnce(work.RunDirectory);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(work.RunDirectory, "eval", "report.json")))!;
        var usage = Assert.Single(report["endpoint_usage"]!.AsArray())!;
        Assert.True(bursts.Refused > 0, "the endpoint refused nothing: the scenario did not happen");
        Assert.Equal(bursts.Refused, usage["rate_limited"]!.GetValue<long>());
        Assert.Equal(bursts.Answered.Count, usage["calls"]!.GetValue<long>());
        // The double bills a prompt's length and 3 completion tokens per answered call.
        Assert.Equal(bursts.Answered.Sum(p => (long)p.Length), usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(3L * bursts.Answered.Count, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(0, usage["failures"]!.GetValue<long>());
    }

    /// <summary>
    /// Refuses <c>refused</c> requests in every <c>every</c> the endpoint receives, in a row (a burst), and remembers
    /// what it decided per (prompt, attempt), so the double asking twice about one attempt gets one answer.
    /// </summary>
    private sealed class RateLimitBursts(int every, int refused)
    {
        private readonly ConcurrentDictionary<(string Prompt, int Attempt), Fault> decided = new();
        private int received;
        private int refusedCount;

        public int Refused => Volatile.Read(ref refusedCount);

        /// <summary>The prompts of the calls answered, one entry per answer.</summary>
        public ConcurrentBag<string> Answered { get; } = [];

        public Fault Decide(int attempt, string prompt) => decided.GetOrAdd((prompt, attempt), key =>
        {
            if ((Interlocked.Increment(ref received) - 1) % every < refused)
            {
                Interlocked.Increment(ref refusedCount);
                return Fault.RateLimited;
            }
            Answered.Add(key.Prompt);
            return Fault.None;
        });
    }
}
