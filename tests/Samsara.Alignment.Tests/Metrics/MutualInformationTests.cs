using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Alignment.Metrics;
using Samsara.Engine;
using Samsara.Engine.Runtime;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Metrics;

public class MutualInformationTests
{
    [Fact]
    public void Matches_the_hand_derived_two_by_two_case()
    {
        // S = [[-1, -2], [-1.5, -0.5]], one token each, so M = S: the SAMI loss is 0.325504 (SamiLossTests), the bound
        // log 2 − 0.325504 = 0.367643. Paper's estimate: response 0: −1 − ½(−1 − 1.5) = 0.25; response 1: −0.5 − ½(−2 − 0.5) = 0.75; mean 0.5.
        var mi = MutualInformation.Of("q", "math", new double[,] { { -1, -2 }, { -1.5, -0.5 } }, [1, 1]);
        Assert.Equal(0.367643, mi.LowerBound, 1e-6);
        Assert.Equal(0.5, mi.Estimate, 12);
    }

    [Fact]
    public void The_bound_uses_per_token_means_and_the_estimate_summed_log_probs()
    {
        // Response 0 has 4 tokens, response 1 has 2: M = S / n column by column.
        var sums = new double[,] { { -4, -6 }, { -8, -3 } };
        var mi = MutualInformation.Of("q", "math", sums, [4, 2]);
        using var scope = torch.NewDisposeScope();
        var m = HostTensors.FromArray([-1f, -3f, -2f, -1.5f], 1, 2, 2);
        Assert.Equal(SamiLoss.Compute(m).MiLowerBound.ToDouble(), mi.LowerBound, 1e-6);
        Assert.Equal(((-4 - (-6.0)) + (-3 - (-4.5))) / 2, mi.Estimate, 12);   // response 0: −4 − ½(−4 − 8); response 1: −3 − ½(−6 − 3)
    }

    [Fact]
    public void A_matrix_that_tells_nothing_has_zero_mi()
    {
        var mi = MutualInformation.Of("q", "math", new double[,] { { -5, -5, -5 }, { -5, -5, -5 }, { -5, -5, -5 } }, [5, 5, 5]);
        Assert.Equal(0, mi.LowerBound, 12);
        Assert.Equal(0, mi.Estimate, 12);
    }

    [Fact]
    public void A_non_square_matrix_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => MutualInformation.Of("q7", "math", new double[2, 3], [1, 1]));
        Assert.Contains("q7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_equal_full_sequence_log_probs()
    {
        // The shared-prefix scorer against the plain one, which scores each (prompt, response) as a whole sequence.
        using var dir = new TempDirectory();
        using var lm = LanguageModel.Load(TinyModels.Create(dir.File("model"), TinyModels.Config(context: 256)), CPU);
        string[] constitutions = ["1. Be brief.\n2. Be kind.", "1. Ramble on.\n2. Be rude.", "1. Use LaTeX."];
        var queries = new[]
        {
            new SamiExample("a", "math", "What is 2 + 3?", constitutions, ["5", "It is $5$, of course, obviously.", ""]),
            new SamiExample("b", "facts", "How many legs has a cat?", constitutions, ["Four.", "Hello! A cat has four legs.", "4 legs"]),
        };
        var scored = MutualInformationScoring.Score(lm, queries, queriesPerBatch: 2);

        var plain = new LogProbScorer(lm);
        foreach (var (q, mi) in queries.Zip(scored))
        {
            var pairs = (from i in Enumerable.Range(0, 3) from j in Enumerable.Range(0, 3)
                         select (TrainingPrompt.Format(q.Constitutions[i], q.Query), q.Responses[j])).ToArray();
            var reference = plain.ScoreAll(pairs);
            var sums = new double[3, 3];
            for (var k = 0; k < 9; k++) sums[k / 3, k % 3] = reference[k].Sum;
            var expected = MutualInformation.Of(q.Id, q.Category, sums, [.. reference.Take(3).Select(r => r.Count)]);
            Assert.Equal(expected.LowerBound, mi.LowerBound, 1e-4);
            Assert.Equal(expected.Estimate, mi.Estimate, 1e-3);
        }
    }

    [Fact]
    public void A_model_compared_with_itself_gains_nothing_and_intervals_hold_the_mean()
    {
        var queries = Enumerable.Range(0, 20).Select(i => new QueryMi($"q{i}", "math", 0.01 * i, 0.1 * (i % 7))).ToList();
        var summary = HeldOutMi.Summarise("sami", queries, seed: 1) with { Gain = MiGain.Of("base", queries, queries, seed: 1) };
        Assert.Equal(0.095, summary.LowerBound.Mean, 12);
        Assert.InRange(summary.LowerBound.Mean, summary.LowerBound.Lower, summary.LowerBound.Upper);
        Assert.True(summary.LowerBound.Lower < summary.LowerBound.Upper);
        Assert.Equal(0, summary.Gain!.LowerBound.Mean, 12);
        Assert.Equal(0, summary.Gain.Estimate.Upper, 12);
        Assert.Equal(summary, HeldOutMi.Summarise("sami", queries, seed: 1) with { Gain = MiGain.Of("base", queries, queries, seed: 1) });
    }
}
