using Samsara.Testing;

namespace Samsara.Endpoints.Tests;

/// <summary>A run's usage recorded per task by any number of writers, summed when read, never counted twice.</summary>
public sealed class RunUsageTests : IDisposable
{
    private const string Judge = "openai:http://127.0.0.1:9/v1#judge";
    private const string Teacher = "openai:http://127.0.0.1:9/v1#teacher";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static Dictionary<string, UsageTotals> Usage(string endpoint, long requests, long prompt = 0) =>
        new() { [endpoint] = new UsageTotals(requests, 1, 0, 1, 2, prompt, 3 * requests) };

    [Fact]
    public void Tasks_recorded_at_once_by_many_writers_sum_per_endpoint()
    {
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            RunUsage.Record(dir.Path, $"judge/batch-{i}", i % 4 == 0 ? Usage(Teacher, 1) : Usage(Judge, i, prompt: 100)));

        var total = RunUsage.Total(dir.Path);

        var judged = Enumerable.Range(0, 32).Where(i => i % 4 != 0).ToList();
        Assert.Equal(new UsageTotals(judged.Sum(), judged.Count, 0, judged.Count, 2 * judged.Count, 100 * judged.Count, 3 * judged.Sum()), total[Judge]);
        Assert.Equal(new UsageTotals(8, 8, 0, 8, 16, 0, 24), total[Teacher]);
        Assert.Equal(32, Directory.GetFiles(Path.Combine(dir.Path, RunUsage.Folder)).Length);
    }

    [Fact]
    public void A_redelivered_task_rewrites_its_own_record_and_keeps_the_larger_figures()
    {
        RunUsage.Record(dir.Path, "task-1", Usage(Judge, 10, prompt: 500));
        RunUsage.Record(dir.Path, "task-2", Usage(Judge, 1));
        RunUsage.Record(dir.Path, "task-1", Usage(Judge, 2, prompt: 40));    // redelivered: the judgement cache answered most calls
        RunUsage.Record(dir.Path, "task-1", Usage(Judge, 10, prompt: 500));  // the same record again

        Assert.Equal(new UsageTotals(11, 2, 0, 2, 4, 500, 33), RunUsage.Total(dir.Path)[Judge]);

        RunUsage.Record(dir.Path, "task-1", Usage(Teacher, 4));             // another endpoint joins the task's record
        var total = RunUsage.Total(dir.Path);
        Assert.Equal(11, total[Judge].Requests);
        Assert.Equal(4, total[Teacher].Requests);
    }

    [Fact]
    public void Task_ids_that_read_alike_keep_separate_records_and_nothing_is_written_for_no_usage()
    {
        RunUsage.Record(dir.Path, "judge/a:b", Usage(Judge, 1));
        RunUsage.Record(dir.Path, "judge/a_b", Usage(Judge, 2));
        RunUsage.Record(dir.Path, "judge/idle", new Dictionary<string, UsageTotals>());
        RunUsage.Record(dir.Path, "judge/zero", new Dictionary<string, UsageTotals> { [Judge] = UsageTotals.Zero });

        Assert.NotEqual(RunUsage.PathOf(dir.Path, "judge/a:b"), RunUsage.PathOf(dir.Path, "judge/a_b"));
        Assert.Equal(3, RunUsage.Total(dir.Path)[Judge].Requests);
        Assert.False(File.Exists(RunUsage.PathOf(dir.Path, "judge/idle")));
        Assert.False(File.Exists(RunUsage.PathOf(dir.Path, "judge/zero")));
        Assert.Empty(RunUsage.Total(dir.File("no-such-run")));
    }

    [Fact]
    public void A_writers_temporary_is_not_counted_and_a_broken_record_is_an_error_naming_it()
    {
        RunUsage.Record(dir.Path, "t", Usage(Judge, 5));
        var record = RunUsage.PathOf(dir.Path, "t");
        File.WriteAllText(record + ".tmp-0123456789ab", "{\"endpoints\":{");   // a writer killed mid-write

        Assert.Equal(5, RunUsage.Total(dir.Path)[Judge].Requests);

        var broken = Path.Combine(dir.Path, RunUsage.Folder, "broken.json");
        File.WriteAllText(broken, "{\"endpoints\":{\"x\":{\"requests\":-1}}}");
        var e = Assert.Throws<IOException>(() => RunUsage.Total(dir.Path));
        Assert.Contains(broken, e.Message);
        Assert.Contains("'requests' is -1, not a count", e.Message);
    }

    [Fact]
    public async Task A_scope_counts_only_the_calls_of_its_own_flow_through_a_shared_client()
    {
        await using var server = new FaultyOpenAiServer((attempt, prompt) => prompt.StartsWith('b') && attempt == 1 ? Fault.RateLimited : Fault.None);
        await server.StartAsync();
        using var endpoint = new OpenAiEndpoint(server.Options(concurrency: 4));

        async Task<IReadOnlyDictionary<string, UsageTotals>> TaskAsync(string prefix, int calls)
        {
            using var scope = UsageScope.Begin();
            await Task.WhenAll(Enumerable.Range(0, calls).Select(i => endpoint.CompleteTextAsync($"{prefix}{i}", new EndpointSampling())));
            return scope.Totals;
        }

        IReadOnlyDictionary<string, UsageTotals> outer, a, b;
        using (var all = UsageScope.Begin())
        {
            var results = await Task.WhenAll(TaskAsync("a", 3), TaskAsync("b", 5));
            (a, b) = (results[0], results[1]);
            outer = all.Totals;
        }
        await endpoint.CompleteTextAsync("after", new EndpointSampling());   // no scope open: the endpoint's meter only

        var name = endpoint.Options.Name;
        Assert.Equal((3L, 0L), (a[name].Requests, a[name].RateLimited));
        Assert.Equal((5L, 5L, 5L), (b[name].Requests, b[name].RateLimited, b[name].Retries));
        Assert.Equal(a[name] + b[name], outer[name]);
        Assert.Equal(9, endpoint.Usage.Requests);
        Assert.Null(UsageScope.Current);
    }
}
