using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Generation;

/// <summary>
/// Batched autoregressive generation with a KV cache. Each prompt becomes [BOS] + tokens(prompt); a batch is
/// left-padded so every sequence's next token lands in the same column, and padded keys are masked out.
/// </summary>
public sealed class Generator(LanguageModel model) : ITextGenerator
{
    /// <summary>
    /// Generates one completion per prompt, in order. <paramref name="progress"/> gets (prompts done, tokens
    /// generated); errors name a prompt by its <paramref name="labels"/> entry (default "prompt N").
    /// </summary>
    public IReadOnlyList<Completion> Generate(IReadOnlyList<string> prompts, GenerationOptions options, Action<int, long>? progress = null,
                                              IReadOnlyList<string>? labels = null)
    {
        options.Validate();
        var encoded = prompts.Select((p, i) => model.EncodePrompt(p, labels?[i] ?? $"prompt {i}", reserve: 1)).ToArray();
        // A seeded run draws from its own generator: the process-wide one is shared with every other thread
        // (another request, a training), and any draw there would change this run's text.
        using var random = options.Seed is { } seed ? new torch.Generator(seed, model.Model.Device) : null;
        using var noGrad = torch.no_grad();
        var results = new List<Completion>(prompts.Count);
        long tokens = 0;
        foreach (var batch in encoded.Chunk(options.BatchSize))
        {
            var completions = GenerateBatch(batch, options, random);
            results.AddRange(completions);
            tokens += completions.Sum(c => c.TokenIds.Count);
            progress?.Invoke(results.Count, tokens);
        }
        return results;
    }

    private Completion[] GenerateBatch(int[][] prompts, GenerationOptions options, torch.Generator? random)
    {
        var lm = model.Model;
        var device = lm.Device;
        int b = prompts.Length, promptLength = prompts.Max(p => p.Length);
        var maxNew = Math.Min(options.MaxNewTokens, model.Config.ContextLength - promptLength);
        var pad = model.PadId;
        var state = prompts.Select(p => new SequenceState(promptLength - p.Length)).ToArray();

        // Prefill: the padded prompts, (B, T) ids and positions, (B, 1, T, T) mask.
        var ids = new long[b * promptLength];
        var positions = new long[b * promptLength];
        for (var i = 0; i < b; i++)
            for (var t = 0; t < promptLength; t++)
            {
                var offset = t - state[i].Padding;
                ids[i * promptLength + t] = offset >= 0 ? prompts[i][offset] : pad;
                positions[i * promptLength + t] = Math.Max(offset, 0);
            }
        using var cache = new KvCache(model.Config.NumHiddenLayers);
        long[] step = [b, promptLength];
        for (var generated = 0; ; generated++)
        {
            long[] next;
            using (torch.NewDisposeScope())
            {
                var mask = AttentionMask(state, step[1], cache.Length + step[1], lm.DType, device);
                var logits = lm.Forward(HostTensors.FromSpan<long>(ids, step, device), HostTensors.FromSpan<long>(positions, step, device), mask, cache);
                next = Sampler.Next(logits.select(1, step[1] - 1).to(ScalarType.Float32), options, random);   // (B)
            }
            for (var i = 0; i < b; i++) state[i].Accept(next[i], model, options, generated + 1 == maxNew);
            if (state.All(s => s.Finished is not null)) break;

            step = [b, 1];
            ids = next.Select((token, i) => state[i].Finished is null ? token : pad).ToArray();
            positions = state.Select((s, i) => (long)(prompts[i].Length + s.Tokens.Count - 1)).ToArray();
        }
        return state.Select(s => s.ToCompletion(model)).ToArray();
    }

    // Additive (B, 1, T, S) mask: query t of sequence i sees key s when s is causal for t and not padding.
    // Every query also sees itself, so the rows of padding positions never become all −∞ (NaN in softmax).
    // Without padding, plain causal attention (null) is the same and cheaper.
    private static Tensor? AttentionMask(SequenceState[] state, long t, long s, ScalarType dtype, Device device)
    {
        if (state.All(x => x.Padding == 0)) return null;
        var mask = new float[state.Length * t * s];
        for (var i = 0; i < state.Length; i++)
            for (var q = 0; q < t; q++)
            {
                var queryPosition = s - t + q;
                for (var k = 0; k < s; k++)
                {
                    var visible = k == queryPosition || (k <= queryPosition && k >= state[i].Padding);
                    mask[(i * t + q) * s + k] = visible ? 0f : float.NegativeInfinity;
                }
            }
        return HostTensors.FromSpan<float>(mask, [state.Length, 1, t, s], CPU).to(dtype, device);
    }

    private sealed class SequenceState(int padding)
    {
        public int Padding { get; } = padding;
        public List<int> Tokens { get; } = [];
        public FinishReason? Finished { get; private set; }
        private string? stoppedText;

        public void Accept(long token, LanguageModel model, GenerationOptions options, bool lastStep)
        {
            if (Finished is not null) return;
            if (!options.IgnoreEos && model.IsEos((int)token))
            {
                Finished = FinishReason.Eos;
                return;
            }
            Tokens.Add((int)token);
            if (options.Stop.Count > 0)
            {
                var text = model.Tokenizer.Decode(Tokens, skipSpecialTokens: true);
                var cut = options.Stop.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
                if (cut >= 0)
                {
                    stoppedText = text[..cut];
                    Finished = FinishReason.Stop;
                    return;
                }
            }
            if (lastStep) Finished = FinishReason.Length;
        }

        public Completion ToCompletion(LanguageModel model) =>
            new(stoppedText ?? model.Tokenizer.Decode(Tokens, skipSpecialTokens: true), Tokens, Finished ?? FinishReason.Length);
    }
}
