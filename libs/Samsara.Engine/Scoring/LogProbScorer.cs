using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Scoring;

/// <summary>
/// Scores (prompt, response) pairs under the model: ids = [BOS] + tok(prompt) + tok(response) + [EOS], prompt and
/// response tokenised separately; the scored positions are the response tokens and the EOS. SFT, DPO and SAMI
/// all score exactly these positions.
/// </summary>
public sealed class LogProbScorer(LanguageModel model)
{
    /// <summary>Log-probs of one batch, as tensors; differentiable when grad mode is on (the trainer's path).</summary>
    public BatchLogProbs Score(IReadOnlyList<(string Prompt, string Response)> pairs, IReadOnlyList<string>? labels = null)
    {
        using var scope = torch.NewDisposeScope();
        var scores = Gather(Distributions(pairs, labels));
        scores.Sum.MoveToOuterDisposeScope();
        scores.Count.MoveToOuterDisposeScope();
        return scores;
    }

    /// <summary>The log-probs of the targets at the scored positions, summed per sequence.</summary>
    public static BatchLogProbs Gather(TokenDistributions d)
    {
        var tokenLogProbs = d.LogProbs.gather(-1, d.Targets.unsqueeze(-1)).squeeze(-1);    // (B, L)
        return new BatchLogProbs((tokenLogProbs * d.Mask).sum(-1), d.Mask.sum(-1), d.Tokens);
    }

    /// <summary>
    /// The model's next-token log-distributions over the whole vocabulary at every position of the batch (what a
    /// KL penalty needs), with the targets and the mask of scored positions. Right-padded; positions past a
    /// sequence's end are unscored.
    /// </summary>
    public TokenDistributions Distributions(IReadOnlyList<(string Prompt, string Response)> pairs, IReadOnlyList<string>? labels = null)
    {
        var sequences = pairs.Select((p, i) => Encode(p.Prompt, p.Response, labels?[i] ?? $"pair {i}")).ToArray();
        int b = sequences.Length, length = sequences.Max(s => s.Ids.Length) - 1;
        var inputs = new long[b * length];
        var targets = new long[b * length];
        var scored = new float[b * length];
        for (var i = 0; i < b; i++)
        {
            var (ids, firstScored) = sequences[i];
            for (var t = 0; t < length; t++)
            {
                var inside = t + 1 < ids.Length;             // right padding past the sequence's end
                inputs[i * length + t] = inside ? ids[t] : model.PadId;
                targets[i * length + t] = inside ? ids[t + 1] : 0;
                scored[i * length + t] = inside && t + 1 >= firstScored ? 1f : 0f;
            }
        }
        var device = model.Model.Device;
        long[] shape = [b, length];
        using var scope = torch.NewDisposeScope();
        var positions = torch.arange(0, length, device: device).unsqueeze(0).expand(b, length);
        var logits = Precision.ToAccumulation(model.Model.Forward(HostTensors.FromSpan<long>(inputs, shape, device), positions));   // (B, L, V)
        return new TokenDistributions(
            nn.functional.log_softmax(logits, -1).MoveToOuterDisposeScope(),
            HostTensors.FromSpan<long>(targets, shape, device).MoveToOuterDisposeScope(),
            HostTensors.FromSpan<float>(scored, shape, device).MoveToOuterDisposeScope(),
            sequences.Sum(s => (long)s.Ids.Length - 1));
    }

    /// <summary>
    /// Log-probs of many pairs without gradients, in batches; <paramref name="progress"/> gets pairs done; errors
    /// name a pair by its <paramref name="labels"/> entry (default "pair N").
    /// </summary>
    public IReadOnlyList<PairLogProb> ScoreAll(IReadOnlyList<(string Prompt, string Response)> pairs, int batchSize = 8,
                                               Action<int>? progress = null, IReadOnlyList<string>? labels = null)
    {
        using var noGrad = torch.no_grad();
        var names = labels ?? pairs.Select((_, i) => $"pair {i}").ToArray();
        var results = new List<PairLogProb>(pairs.Count);
        foreach (var batch in pairs.Index().Chunk(batchSize))
        {
            using var scope = torch.NewDisposeScope();
            var scores = Score(batch.Select(p => p.Item).ToArray(), batch.Select(p => names[p.Index]).ToArray());
            var sums = scores.Sum.to(ScalarType.Float64).ToArray<double>();
            var counts = scores.Count.ToArray<float>();
            for (var i = 0; i < sums.Length; i++) results.Add(new PairLogProb(sums[i], sums[i] / counts[i], (int)counts[i]));
            progress?.Invoke(results.Count);
        }
        return results;
    }

    private (int[] Ids, int FirstScored) Encode(string prompt, string response, string label)
    {
        var promptIds = model.EncodePrompt(prompt, label, reserve: 0);
        int[] ids = [.. promptIds, .. model.Tokenizer.Encode(response), model.EosId];
        if (ids.Length > model.Config.ContextLength)
            throw new ArgumentException(
                $"{label}: prompt and response are {ids.Length} tokens with BOS and EOS; the model's context is {model.Config.ContextLength}");
        return (ids, promptIds.Length);
    }
}
