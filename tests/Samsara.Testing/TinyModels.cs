using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Testing;

/// <summary>Small random Llama checkpoints written by Samsara, in the shapes the parity tests need.</summary>
public static class TinyModels
{
    /// <summary>A byte-tokenizer config: 4 query heads over 2 key/value heads (GQA), 3 layers.</summary>
    public static JsonObject Config(bool tied = false, int layers = 3, int heads = 4, int kvHeads = 2, JsonObject? ropeScaling = null, int context = 128) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = ByteTokenizer.VocabSize,
        ["hidden_size"] = 64,
        ["intermediate_size"] = 96,
        ["num_hidden_layers"] = layers,
        ["num_attention_heads"] = heads,
        ["num_key_value_heads"] = kvHeads,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["rope_scaling"] = ropeScaling,
        ["max_position_embeddings"] = context,
        ["tie_word_embeddings"] = tied,
        // Larger than transformers' 0.02 so logits are far from uniform and parity checks mean something.
        ["initializer_range"] = 0.25,
        ["bos_token_id"] = ByteTokenizer.BosId,
        ["eos_token_id"] = ByteTokenizer.EosId,
        ["pad_token_id"] = ByteTokenizer.PadId,
        ["torch_dtype"] = "float32",
        ["tokenizer"] = "byte",
    };

    /// <summary>Writes a random checkpoint with the byte tokenizer to <paramref name="directory"/>.</summary>
    public static string Create(string directory, JsonObject config, ulong seed = 7)
    {
        Directory.CreateDirectory(directory);
        var parsed = LlamaConfig.Parse(config, "test config");
        using var model = Checkpoint.CreateRandom(parsed, seed, CPU);
        Checkpoint.Save(model, directory);
        ByteTokenizer.Write(Path.Combine(directory, "tokenizer.json"));
        return directory;
    }
}
