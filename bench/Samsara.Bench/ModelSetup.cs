using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Bench;

/// <summary>The benchmark's model (random weights, byte tokenizer) and its token ids, both deterministic.</summary>
internal static class ModelSetup
{
    public static LlamaConfig Write(string directory, BenchOptions o)
    {
        var config = LlamaConfig.Parse(new JsonObject
        {
            ["vocab_size"] = o.Vocab, ["hidden_size"] = o.Hidden, ["intermediate_size"] = o.Intermediate,
            ["num_hidden_layers"] = o.Layers, ["num_attention_heads"] = o.Heads, ["num_key_value_heads"] = o.KvHeads,
            ["max_position_embeddings"] = Math.Max(o.Seq + 1, o.PromptLength + o.GenTokens), ["rms_norm_eps"] = 1e-5,
            ["bos_token_id"] = ByteTokenizer.BosId, ["eos_token_id"] = ByteTokenizer.EosId, ["pad_token_id"] = ByteTokenizer.PadId,
            ["tokenizer"] = "byte",
        }, "benchmark config");
        using var model = Checkpoint.CreateRandom(config, seed: 1, CPU);
        Checkpoint.Save(model, directory);
        ByteTokenizer.Write(Path.Combine(directory, "tokenizer.json"));
        return config;
    }

    /// <summary>(B, seq + 1) ids: BOS, then printable ASCII, so prompts survive the text round trip exactly.</summary>
    public static long[][] TokenIds(BenchOptions o)
    {
        var random = new Random(1234);
        return Enumerable.Range(0, o.Batch)
            .Select(_ => Enumerable.Range(0, o.Seq + 1).Select(t => t == 0 ? ByteTokenizer.BosId : (long)random.Next(32, 127)).ToArray())
            .ToArray();
    }

    public static long ParameterCount(LlamaConfig config) =>
        LlamaModel.ParameterShapes(config).Sum(p => p.Shape.Aggregate(1L, (a, b) => a * b));
}
