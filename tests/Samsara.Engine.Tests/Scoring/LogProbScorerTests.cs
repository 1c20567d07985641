using Samsara.Engine.Scoring;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Scoring;

public sealed class LogProbScorerTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly LanguageModel lm;

    public LogProbScorerTests() => lm = LanguageModel.Load(TinyModels.Create(dir.File("model"), TinyModels.Config()), CPU);

    public void Dispose()
    {
        lm.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void Scores_exactly_the_response_tokens_and_eos()
    {
        const string prompt = "Question?";
        const string response = "Answer.";
        var score = new LogProbScorer(lm).ScoreAll([(prompt, response)])[0];

        // By hand: one forward over [BOS] + prompt + response + [EOS]; add log p(next) from the first response token on.
        long[] ids = [.. lm.EncodePrompt(prompt, "p", 0).Select(i => (long)i), .. lm.Tokenizer.Encode(response).Select(i => (long)i), lm.EosId];
        var promptLength = 1 + lm.Tokenizer.Encode(prompt).Count;
        double expected = 0;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            var logits = lm.Model.Forward(HostTensors.FromArray(ids, 1, ids.Length), torch.arange(0, ids.Length).unsqueeze(0));
            var logProbs = nn.functional.log_softmax(logits, -1).to(ScalarType.Float64).ToArray<double>();
            var vocab = (int)logits.size(-1);
            for (var t = promptLength - 1; t < ids.Length - 1; t++) expected += logProbs[t * vocab + ids[t + 1]];
        }
        Assert.Equal(response.Length + 1, score.Count);
        Assert.Equal(expected, score.Sum, 4);
        Assert.Equal(expected / score.Count, score.Mean, 4);
    }

    [Fact]
    public void A_pairs_score_does_not_depend_on_what_it_is_batched_with()
    {
        var scorer = new LogProbScorer(lm);
        var alone = scorer.ScoreAll([("short", "r")])[0];
        var batched = scorer.ScoreAll([("a much longer prompt to force padding", "and a longer response too"), ("short", "r")], batchSize: 2)[1];
        Assert.Equal(alone.Count, batched.Count);
        Assert.Equal(alone.Sum, batched.Sum, 4);
    }

    [Fact]
    public void Scores_carry_gradients_when_grad_mode_is_on_and_free_everything()
    {
        var scorer = new LogProbScorer(lm);
        var embed = lm.Model.Parameters["model.embed_tokens.weight"];
        embed.requires_grad = true;
        var baseline = TorchRuntime.LiveTensorCount;
        using (torch.NewDisposeScope())
        {
            var scores = scorer.Score([("p", "response one"), ("q", "two")]);
            scores.Mean.sum().backward();
            using var grad = embed.grad!;
            Assert.True(grad.abs().sum().ToDouble() > 0);
        }
        embed.grad = null;
        embed.requires_grad = false;
        Assert.Equal(baseline, TorchRuntime.LiveTensorCount);
    }

    [Fact]
    public void A_pair_longer_than_the_context_is_refused_by_index()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogProbScorer(lm).ScoreAll([("p", "r"), ("p", new string('y', 300))]));
        Assert.Contains("pair 1", error.Message);
    }
}
