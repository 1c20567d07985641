using System.Text.Json.Nodes;
using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;

namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// The shapes of the committed task-world models: a teacher of about 0.8M parameters and a weaker student of about
/// 0.3M, both byte-level Llamas with grouped-query attention and tied embeddings — small enough that the default run
/// trains four students, generates and judges in minutes on two CPU cores.
/// </summary>
public static class TinyModelConfigs
{
    public static LlamaConfig For(PretrainRole role) => role == PretrainRole.Teacher
        ? Build(hidden: 128, intermediate: 352, layers: 4, heads: 4, kvHeads: 2)
        : Build(hidden: 96, intermediate: 256, layers: 3, heads: 4, kvHeads: 2);

    private static LlamaConfig Build(int hidden, int intermediate, int layers, int heads, int kvHeads) => LlamaConfig.Parse(new JsonObject
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["tokenizer"] = "byte",
        ["vocab_size"] = ByteTokenizer.VocabSize,
        ["hidden_size"] = hidden,
        ["intermediate_size"] = intermediate,
        ["num_hidden_layers"] = layers,
        ["num_attention_heads"] = heads,
        ["num_key_value_heads"] = kvHeads,
        ["max_position_embeddings"] = 512,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["tie_word_embeddings"] = true,
        ["initializer_range"] = 0.02,
        ["bos_token_id"] = ByteTokenizer.BosId,
        ["eos_token_id"] = ByteTokenizer.EosId,
        ["pad_token_id"] = ByteTokenizer.PadId,
        ["torch_dtype"] = "float32",
    }, "task-world tiny model config");
}
