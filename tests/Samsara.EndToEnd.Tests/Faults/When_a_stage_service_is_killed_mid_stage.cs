using System.Globalization;
using System.Text.RegularExpressions;
using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The generator is SIGKILLed while it writes a shard and started again: the new process (the same owner) finds the
/// shard's job record it left and resumes the shard's file after the prompts already in it. Every prompt is generated
/// once, every shard announced once, and the run completes.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed partial class When_a_stage_service_is_killed_mid_stage(ClusterFixture fixture)
{
    private const int Prompts = 48;
    private const int ShardSize = 24;

    [GeneratedRegex(@"generation shard (?<shard>\d+): .*: (?<done>\d+) of \d+ prompts already generated; resuming")]
    private static partial Regex Resumed();

    [Fact]
    public async Task The_restarted_generator_resumes_the_shard_and_the_run_completes()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, ShardSize, TinyPipeline.Sft(2));
        var run = await runs.StartAsync(spec);
        var work = new WorkLog(cluster, run.Id);
        var (shard, linesBefore) = await PartlyWrittenShardAsync(work.RunDirectory);

        cluster.Kill(Cluster.Generator);
        await cluster.StartAsync(Cluster.Generator);

        await runs.UntilFinalAsync(run.Id, RunState.Completed);
        work.AssertEachDoneOnce(spec, Prompts);
        // The new generator kept what the killed one had written: it resumed after at least those prompts.
        var resumed = cluster.LogsOf(Cluster.Generator).Where(l => l.Contains($"Run {run.Id}:", StringComparison.Ordinal))
            .Select(l => Resumed().Match(l)).Where(m => m.Success && m.Groups["shard"].Value == shard.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.True(resumed.Count == 1, $"shard {shard} was not resumed once: {resumed.Count}\n{cluster.Tails()}");
        Assert.True(int.Parse(resumed[0].Groups["done"].Value, CultureInfo.InvariantCulture) >= linesBefore,
            $"shard {shard} had {linesBefore} prompts before the kill, resumed after {resumed[0].Groups["done"].Value}");
    }

    /// <summary>
    /// A shard with at least one prompt written and at most half of them (so it is still being written when the kill
    /// lands a moment later), and its complete lines.
    /// </summary>
    private static async Task<(int Shard, int Lines)> PartlyWrittenShardAsync(string runDirectory)
    {
        var deadline = DateTime.UtcNow + RunFollower.Generous;
        while (DateTime.UtcNow < deadline)
        {
            for (var shard = 0; shard < Prompts / ShardSize; shard++)
            {
                var file = Path.Combine(runDirectory, "generate", $"shard-{shard:D4}.jsonl");
                if (File.Exists(Path.Combine(runDirectory, "generate", $"shard-{shard:D4}.done")) || !File.Exists(file)) continue;
                var lines = File.ReadAllText(file).Count(c => c == '\n');
                if (lines > 0 && lines <= ShardSize / 2) return (shard, lines);
            }
            await Task.Delay(50);
        }
        Assert.Fail("no shard was caught half-written");
        return default;
    }
}
