using System.Text.Json;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the stages did for one run, counted from the lines every incarnation of each service logged and from the
/// artifacts: the proof that a fault made no stage redo finished work. Each unit of work logs one line when it is
/// done (a shard written, a filtering, a training step, a report), so each must appear exactly once.
/// </summary>
public sealed class WorkLog(Cluster cluster, string runId)
{
    /// <summary>Lines of <paramref name="service"/> about this run that contain <paramref name="text"/>.</summary>
    public int Count(string service, string text) =>
        cluster.LogsOf(service).Count(l => l.Contains($"Run {runId}: {text}", StringComparison.Ordinal));

    /// <summary>Every shard, filtering, training step and report of <paramref name="spec"/> done exactly once.</summary>
    public void AssertEachDoneOnce(RunSpec spec, int prompts)
    {
        var shardSize = (int)spec.Generation.ShardSize;
        var shards = (prompts + shardSize - 1) / shardSize;
        for (var i = 0; i < shards; i++)
        {
            AssertOnce(Cluster.Generator, $"generation shard {i} of {shards} written");
            var ids = File.ReadLines(Path.Combine(RunDirectory, "generate", $"shard-{i:D4}.jsonl"))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
            Assert.True(ids.Count == Math.Min(shardSize, prompts - i * shardSize) && ids.Distinct().Count() == ids.Count,
                $"shard {i} holds {ids.Count} lines for {ids.Distinct().Count()} prompts");
        }
        AssertOnce(Cluster.Filter, "filter kept");
        foreach (var training in spec.Training)
        {
            var algorithm = training.Algorithm.ToTraining().Name();   // as the trainer logs it
            for (var step = 1; step <= training.Steps; step++)
                AssertOnce(Cluster.Trainer, $"{algorithm} step {step} of {training.Steps} done");
        }
        AssertOnce(Cluster.Judge, "evaluation report written");
    }

    public string RunDirectory => Path.Combine(cluster.Artifacts, "runs", runId);

    private void AssertOnce(string service, string text)
    {
        var count = Count(service, text);
        Assert.True(count == 1, $"'{text}' logged {count} times by {service}, not once\n{cluster.Tails()}");
    }
}
