using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Alignment.Training;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Scoring;
using Samsara.Contracts;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Samsara.Alignment.Tests.Training;

/// <summary>
/// The three recipes move a tiny model the way their objectives say, on queries they never trained on: SFT lowers
/// held-out NLL; on the SFT model, SAMI raises the held-out MI lower bound and DPO raises held-out reward accuracy.
/// The margins are ones a sign error or a wrong mask would miss.
/// </summary>
public sealed class LearningTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string sftModel;
    private readonly double baseNll;
    private readonly double sftNll;

    private readonly ITestOutputHelper output;

    public LearningTests(ITestOutputHelper output)
    {
        this.output = output;
        var baseModel = TinyModels.Create(dir.File("base"), TinyModels.Config(layers: 2, context: 160), seed: 3);
        Jsonl.Write(dir.File("sft.jsonl"), SyntheticPrinciples.SftLines(SyntheticPrinciples.Train));
        Jsonl.Write(dir.File("heldout-sft.jsonl"), SyntheticPrinciples.SftLines(SyntheticPrinciples.HeldOut));
        baseNll = HeldOutNll(baseModel);
        sftModel = dir.File("sft");
        new SftRecipe(Options(TrainingAlgorithm.Sft, baseModel, "sft.jsonl", sftModel, steps: 120, lr: 3e-3),
            DatasetReader.ReadSft(dir.File("sft.jsonl"))).Train();
        sftNll = HeldOutNll(sftModel);
    }

    public void Dispose() => dir.Dispose();

    private TrainingOptions Options(TrainingAlgorithm algorithm, string model, string data, string output, int steps, double lr) => new()
    {
        Algorithm = algorithm, ModelDirectory = model, DataPath = dir.File(data), OutputDirectory = output,
        Steps = steps, LearningRate = lr, BatchQueries = 16, MicroBatch = 16, Seed = 1, SaveEvery = 1000,
    };

    [Fact]
    public void Sft_lowers_held_out_nll()
    {
        output.WriteLine($"held-out NLL per token: base {baseNll:F3}, after SFT {sftNll:F3}");
        Assert.True(sftNll < baseNll - 1.0, $"held-out NLL per token: base {baseNll:F3}, after SFT {sftNll:F3}");
    }

    [Fact]
    public void Sami_raises_the_held_out_mi_lower_bound()
    {
        Jsonl.Write(dir.File("sami.jsonl"), SyntheticPrinciples.SamiLines(SyntheticPrinciples.Train));
        var before = HeldOutMiLowerBound(sftModel);
        var samiModel = dir.File("sami");
        new SamiRecipe(Options(TrainingAlgorithm.Sami, sftModel, "sami.jsonl", samiModel, steps: 30, lr: 1e-3) with { BatchQueries = 8, MicroBatch = 8 },
            DatasetReader.ReadSami(dir.File("sami.jsonl"))).Train();
        var after = HeldOutMiLowerBound(samiModel);
        output.WriteLine($"held-out MI lower bound: SFT {before:F3}, after SAMI {after:F3} (log 4 = {Math.Log(4):F3})");
        Assert.True(after > before + 0.2, $"held-out MI lower bound (log 4 = {Math.Log(4):F3} at most): SFT {before:F3}, after SAMI {after:F3}");
    }

    [Fact]
    public void Dpo_raises_held_out_reward_accuracy()
    {
        Jsonl.Write(dir.File("dpo.jsonl"), SyntheticPrinciples.PreferenceLines(SyntheticPrinciples.Train));
        var dpoModel = dir.File("dpo");
        new DpoRecipe(Options(TrainingAlgorithm.Dpo, sftModel, "dpo.jsonl", dpoModel, steps: 40, lr: 3e-3),
            DatasetReader.ReadPreferences(dir.File("dpo.jsonl"))).Train();
        // Before training the policy is its reference: every reward is 0 and no pair counts as correct.
        var accuracy = HeldOutRewardAccuracy(dpoModel, sftModel);
        output.WriteLine($"held-out reward accuracy after DPO: {accuracy:P0}");
        Assert.True(accuracy >= 0.875, $"held-out reward accuracy after DPO: {accuracy:P0}");
    }

    private double HeldOutNll(string model)
    {
        using var lm = LanguageModel.Load(model, CPU);
        var pairs = DatasetReader.ReadSft(dir.File("heldout-sft.jsonl")).Select(e => (e.Prompt, e.Completion)).ToList();
        var scores = new LogProbScorer(lm).ScoreAll(pairs, batchSize: 32);
        return -scores.Sum(s => s.Sum) / scores.Sum(s => s.Count);
    }

    private static double HeldOutMiLowerBound(string model)
    {
        using var lm = LanguageModel.Load(model, CPU);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var constitutions = SyntheticPrinciples.Constitutions;
        var pairs = (from word in SyntheticPrinciples.HeldOut
                     from c in constitutions
                     from y in constitutions
                     select (TrainingPrompt.Format(c.Text, SyntheticPrinciples.Query(word)), SyntheticPrinciples.Response(word, y.Capitals, y.Exclamation))).ToList();
        var m = new LogProbScorer(lm).Score(pairs).Mean.reshape(SyntheticPrinciples.HeldOut.Count, 4, 4);
        return SamiLoss.Compute(m).MiLowerBound.mean().ToDouble();
    }

    private static double HeldOutRewardAccuracy(string policyModel, string referenceModel)
    {
        using var policy = LanguageModel.Load(policyModel, CPU);
        using var reference = LanguageModel.Load(referenceModel, CPU);
        var lines = SyntheticPrinciples.PreferenceLines(SyntheticPrinciples.HeldOut).ToList();
        var chosen = lines.Select(l => (l["prompt"]!.GetValue<string>(), l["chosen"]!.GetValue<string>())).ToList();
        var rejected = lines.Select(l => (l["prompt"]!.GetValue<string>(), l["rejected"]!.GetValue<string>())).ToList();
        double[] Rewards(List<(string, string)> pairs) =>
            new LogProbScorer(policy).ScoreAll(pairs).Zip(new LogProbScorer(reference).ScoreAll(pairs), (p, r) => p.Sum - r.Sum).ToArray();
        var chosenRewards = Rewards(chosen);
        var rejectedRewards = Rewards(rejected);
        return chosenRewards.Zip(rejectedRewards, (c, r) => c > r ? 1.0 : 0.0).Average();
    }
}
