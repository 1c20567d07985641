using Samsara.Engine;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Serving.Internal;

/// <summary>
/// Log-probs of generated tokens, by one forward pass over prompt + completion after generation: the model's raw
/// next-token distribution (as vLLM reports it, not the temperature-scaled one) at each generated position.
/// </summary>
internal static class TokenLogProbs
{
    public static IReadOnlyList<TokenLogProb> Compute(LanguageModel lm, string prompt, IReadOnlyList<int> completion, int top)
    {
        if (completion.Count == 0) return [];
        var promptIds = lm.EncodePrompt(prompt, "prompt", reserve: 0);
        long[] ids = [.. promptIds.Select(i => (long)i), .. completion.Select(i => (long)i)];
        var length = Math.Min(ids.Length, lm.Config.ContextLength);
        var device = lm.Model.Device;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = HostTensors.FromSpan<long>(ids.AsSpan(0, length), [1, length], device);
        var positions = torch.arange(0, length, device: device).unsqueeze(0);
        // Position t predicts token t+1: the completion's tokens are predicted from prompt.Length−1 on.
        var first = promptIds.Length - 1;
        var count = Math.Min(completion.Count, length - promptIds.Length);
        var logits = lm.Model.Forward(input, positions).select(0, 0).slice(0, first, first + count, 1).to(ScalarType.Float32);   // (count, V)
        var logProbs = nn.functional.log_softmax(logits, -1);
        var chosen = logProbs.gather(-1, HostTensors.FromSpan<long>(ids.AsSpan(promptIds.Length, count), [count, 1], device)).squeeze(-1).ToArray<float>();
        float[] topValues = [];
        long[] topIds = [];
        if (top > 0)
        {
            var (values, indices) = logProbs.topk(top);
            topValues = values.ToArray<float>();
            topIds = indices.ToArray<long>();
        }
        var result = new TokenLogProb[count];
        for (var t = 0; t < count; t++)
        {
            var alternatives = Enumerable.Range(0, top).Select(k => (Piece(lm, (int)topIds[t * top + k]), (double)topValues[t * top + k])).ToArray();
            result[t] = new TokenLogProb(completion[t], Piece(lm, completion[t]), chosen[t], alternatives);
        }
        return result;
    }

    /// <summary>A token's text on its own (a byte of a multi-byte character decodes to U+FFFD, as in other servers).</summary>
    public static string Piece(LanguageModel lm, int id) => lm.Tokenizer.Decode([id]);
}
