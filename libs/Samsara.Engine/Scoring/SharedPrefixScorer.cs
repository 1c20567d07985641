using Samsara.Engine.Models;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Scoring;

/// <summary>
/// Scores many responses under few prompts, each prompt read once: the same log-probs as <see cref="LogProbScorer"/>
/// gives for the pairs (prompt, response), the same positions scored (response tokens and EOS), differentiable.
/// SAMI scores each of a query's C responses under each of its C constitutions' prompts: C² sequences whose prompts,
/// most of their length, repeat C times. Here the prompts run once (left-padded, so each ends in the last column),
/// their keys and values are copied to every response that follows them, and the responses run alone against those:
/// the forward pass reads C·P + C²·R tokens instead of C²·(P + R), and the vocabulary projection's log-softmax is
/// taken only where something is scored. Attention is relative (RoPE), so each sequence's positions are its own.
/// </summary>
public sealed class SharedPrefixScorer(LanguageModel model)
{
    /// <summary>
    /// The distributions at the scored positions of each pair (prompts[Prompt], Response), in the order of
    /// <paramref name="pairs"/>: (B, 1 + R, V), column 0 the prompt's last position (which predicts the first response
    /// token), column t + 1 the response's t-th token; positions past a response's EOS are unscored. Tokens counts the
    /// tokens of the pairs as whole sequences, as <see cref="LogProbScorer"/> does, so throughput figures compare.
    /// </summary>
    public TokenDistributions Distributions(IReadOnlyList<string> prompts, IReadOnlyList<(int Prompt, string Response)> pairs,
                                            IReadOnlyList<string>? labels = null)
    {
        var promptIds = prompts.Select((p, i) => model.EncodePrompt(p, $"prompt {i}", reserve: 0)).ToArray();
        var responseIds = pairs.Select(p => (int[])[.. model.Tokenizer.Encode(p.Response), model.EosId]).ToArray();
        for (var i = 0; i < pairs.Count; i++)
        {
            var length = promptIds[pairs[i].Prompt].Length + responseIds[i].Length;
            if (length > model.Config.ContextLength)
                throw new ArgumentException(
                    $"{labels?[i] ?? $"pair {i}"}: prompt and response are {length} tokens with BOS and EOS; the model's context is {model.Config.ContextLength}");
        }
        var device = model.Model.Device;
        using var scope = torch.NewDisposeScope();
        using var cache = new KvCache(model.Config.NumHiddenLayers);
        var promptLast = PromptPass(promptIds, cache, device);                                          // (P, V)
        var rows = pairs.Select(p => (long)p.Prompt).ToArray();
        cache.SelectRows(HostTensors.FromSpan<long>(rows, [rows.Length], device));
        var responseLogits = ResponsePass(promptIds, pairs, responseIds, cache, device);               // (B, R, V)
        var first = promptLast.index_select(0, HostTensors.FromSpan<long>(rows, [rows.Length], device)).unsqueeze(1);
        var logits = Precision.ToAccumulation(torch.cat([first, responseLogits], dim: 1));            // (B, 1 + R, V)
        var (targets, scored) = Targets(responseIds, logits.size(1), device);
        return new TokenDistributions(
            nn.functional.log_softmax(logits, -1).MoveToOuterDisposeScope(),
            targets.MoveToOuterDisposeScope(),
            scored.MoveToOuterDisposeScope(),
            pairs.Select((p, i) => (long)promptIds[p.Prompt].Length + responseIds[i].Length - 1).Sum());
    }

    // The prompts, left-padded to one length with real positions, into the cache; returns their last column's logits.
    private Tensor PromptPass(int[][] promptIds, KvCache cache, Device device)
    {
        int b = promptIds.Length, length = promptIds.Max(p => p.Length);
        var ids = new long[b * length];
        var positions = new long[b * length];
        var mask = new float[b * length * length];
        for (var i = 0; i < b; i++)
        {
            var pad = length - promptIds[i].Length;
            for (var t = 0; t < length; t++)
            {
                ids[i * length + t] = t < pad ? model.PadId : promptIds[i][t - pad];
                positions[i * length + t] = Math.Max(0, t - pad);
                // A real query sees real keys up to itself; a padding query sees only itself (its output is never used,
                // but a row with no visible key would be NaN).
                for (var k = 0; k < length; k++)
                    mask[(i * length + t) * length + k] = t < pad ? (k == t ? 0f : float.NegativeInfinity)
                                                                  : (k >= pad && k <= t ? 0f : float.NegativeInfinity);
            }
        }
        long[] shape = [b, length];
        var logits = model.Model.Forward(HostTensors.FromSpan<long>(ids, shape, device), HostTensors.FromSpan<long>(positions, shape, device),
                                         HostTensors.FromSpan<float>(mask, [b, 1, length, length], device).to(model.Model.DType), cache);
        return logits.select(1, length - 1);
    }

    // Every response's tokens but its EOS (the last target), right-padded, after its prompt's cached keys and values.
    private Tensor ResponsePass(int[][] promptIds, IReadOnlyList<(int Prompt, string Response)> pairs, int[][] responseIds, KvCache cache, Device device)
    {
        int b = pairs.Count, length = Math.Max(1, responseIds.Max(r => r.Length - 1)), promptLength = promptIds.Max(p => p.Length);
        int keys = promptLength + length;
        var ids = new long[b * length];
        var positions = new long[b * length];
        var mask = new float[b * length * keys];
        for (var i = 0; i < b; i++)
        {
            var prompt = promptIds[pairs[i].Prompt].Length;
            var pad = promptLength - prompt;
            var inputs = responseIds[i].Length - 1;
            for (var t = 0; t < length; t++)
            {
                ids[i * length + t] = t < inputs ? responseIds[i][t] : model.PadId;
                positions[i * length + t] = prompt + t;
                for (var k = 0; k < keys; k++)
                {
                    var visible = k < promptLength ? k >= pad : k - promptLength <= t;
                    mask[(i * length + t) * keys + k] = visible ? 0f : float.NegativeInfinity;
                }
            }
        }
        long[] shape = [b, length];
        return model.Model.Forward(HostTensors.FromSpan<long>(ids, shape, device), HostTensors.FromSpan<long>(positions, shape, device),
                                   HostTensors.FromSpan<float>(mask, [b, 1, length, keys], device).to(model.Model.DType), cache);
    }

    // Column 0 predicts the first response token; column t + 1 the token after the t-th; the last target is EOS.
    private static (Tensor Targets, Tensor Scored) Targets(int[][] responseIds, long columns, Device device)
    {
        int b = responseIds.Length, l = (int)columns;
        var targets = new long[b * l];
        var scored = new float[b * l];
        for (var i = 0; i < b; i++)
            for (var t = 0; t < responseIds[i].Length; t++)
            {
                targets[i * l + t] = responseIds[i][t];
                scored[i * l + t] = 1f;
            }
        long[] shape = [b, l];
        return (HostTensors.FromSpan<long>(targets, shape, device), HostTensors.FromSpan<float>(scored, shape, device));
    }
}
