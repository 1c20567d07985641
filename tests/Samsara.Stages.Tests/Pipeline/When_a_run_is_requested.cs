using System.Text.Json.Nodes;
using Samsara.Contracts;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// RunRequested → generation shards → filtering → training (SFT first) → evaluation, each step sent by the flow, with
/// every artifact on disk.
/// </summary>
public sealed class When_a_run_is_requested(CompletedRun run) : IClassFixture<CompletedRun>
{
    [Fact]
    public void Should_publish_every_stage_event_in_order()
    {
        var observed = run.Bus.Observed;
        var shards = observed.All<GenerationShardCompleted>().Where(e => e.RunId == run.RunId).ToList();
        Assert.Equal([0, 1], shards.Select(s => s.ShardIndex).Order());
        Assert.All(shards, s => Assert.Equal(2, s.ShardCount));

        var filtered = Assert.Single(observed.All<FilteringCompleted>());
        Assert.Equal(3, filtered.ReadCount); // one generation (a contrastive pair) per prompt
        Assert.True(filtered.KeptCount > 0);

        var progress = observed.All<TrainingProgress>();
        Assert.Equal([1, 2], progress.Where(p => p.Algorithm == TrainingAlgorithm.Sft).Select(p => p.Step).Order());
        Assert.Contains(progress, p => p.Algorithm == TrainingAlgorithm.Dpo && p.Step == 1 && p.TotalSteps == 1);

        // SFT trains first although the spec lists DPO first: DPO starts from the SFT model.
        var trained = observed.All<TrainingCompleted>();
        Assert.Equal([TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo], trained.Select(t => t.Algorithm));
        Assert.Equal([TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo], run.Bus.Harness.Sent.Select<TrainModel>().Select(s => s.Context.Message.Algorithm));
        Assert.Equal($"runs/{run.RunId:D}/models/dpo", trained[1].CheckpointPath);

        Assert.Equal($"runs/{run.RunId:D}/eval/report.json", run.Completed.ReportPath);
        Assert.Empty(observed.All<StageFaulted>());
    }

    [Fact]
    public void Should_leave_every_artifact_in_the_store()
    {
        foreach (var path in new[] { "generate/shard-0000.jsonl", "generate/shard-0001.jsonl", "generate/shard-0001.done", "filter/kept.jsonl",
                                     "filter/completed.json", "datasets/sft.jsonl", "models/sft/model.safetensors",
                                     "models/dpo/model.safetensors", "eval/report.json" })
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, path)), path);

        var report = JsonNode.Parse(File.ReadAllText(run.Files.RunFile(run.RunId, "eval/report.json")))!;
        Assert.Equal(2, (int)report["questions"]!);
        foreach (var model in new[] { "base", "sft", "dpo" })
        {
            var passAt2 = (double)report["models"]![model]!["strict"]!["2"]!;
            Assert.InRange(passAt2, 0.0, 1.0);
            // The judge's event carries the same figure for the run summary.
            Assert.Equal(passAt2, run.Completed.Metrics[$"eval:{model}/strict/pass@2"]);
        }
        // Every figure of the report, and nothing else: models × extractors × k.
        var figures = report["models"]!.AsObject().Sum(m => m.Value!.AsObject().Sum(e => e.Value!.AsObject().Count));
        Assert.Equal(figures, run.Completed.Metrics.Count);
    }
}
