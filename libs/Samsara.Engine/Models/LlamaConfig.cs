using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Engine.Models;

/// <summary>
/// A Llama-family architecture, as Hugging Face's config.json (LlamaConfig / MistralConfig) spells it.
/// Defaults are LlamaConfig's.
/// </summary>
public sealed record LlamaConfig
{
    public string ModelType { get; init; } = "llama";
    public int VocabSize { get; init; } = 32000;
    public int HiddenSize { get; init; } = 4096;           // C
    public int IntermediateSize { get; init; } = 11008;    // MLP width
    public int NumHiddenLayers { get; init; } = 32;        // L
    public int NumAttentionHeads { get; init; } = 32;      // H
    public int NumKeyValueHeads { get; init; } = 32;       // Hkv; < H is grouped-query attention
    public int? ExplicitHeadDim { get; init; }             // "head_dim" when it is not C / H
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000;
    public RopeScaling? RopeScaling { get; init; }
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public int? SlidingWindow { get; init; }               // Mistral; no mask is applied, so it bounds the context
    public bool TieWordEmbeddings { get; init; }
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    public double InitializerRange { get; init; } = 0.02;
    public int? BosTokenId { get; init; } = 1;
    public IReadOnlyList<int> EosTokenIds { get; init; } = [2];
    public int? PadTokenId { get; init; }
    public string TorchDType { get; init; } = "float32";
    /// <summary>Samsara's own field: "byte" asks init-model for the byte tokenizer.</summary>
    public string? Tokenizer { get; init; }

    public int HeadDim => ExplicitHeadDim ?? HiddenSize / NumAttentionHeads;   // D

    /// <summary>The longest sequence (prompt + response) the model may see.</summary>
    public int ContextLength => Math.Min(MaxPositionEmbeddings, SlidingWindow ?? int.MaxValue);

    public static LlamaConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: file not found");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: not valid JSON ({e.Message})");
        }
        if (root is not JsonObject json) throw new ModelFormatException($"{path}: expected a JSON object");
        return Parse(json, path);
    }

    public static LlamaConfig Parse(JsonObject json, string source)
    {
        var reader = new ConfigReader(json, source);
        var modelType = reader.String("model_type") ?? "llama";
        var architectures = json["architectures"] is JsonArray a ? a.Select(n => n?.GetValue<string>()).ToArray() : [];
        if (modelType is not ("llama" or "mistral") ||
            architectures.Any(n => n is not ("LlamaForCausalLM" or "MistralForCausalLM")))
            throw new ModelFormatException(
                $"{source}: unsupported architecture (model_type '{modelType}', architectures [{string.Join(", ", architectures)}]); " +
                "Samsara runs Llama-family decoders (LlamaForCausalLM, MistralForCausalLM)");
        var act = reader.String("hidden_act") ?? "silu";
        if (act != "silu") throw new ModelFormatException($"{source}: hidden_act '{act}' is not supported (expected silu)");

        var defaults = new LlamaConfig();
        var config = new LlamaConfig
        {
            ModelType = modelType,
            VocabSize = reader.Int("vocab_size") ?? defaults.VocabSize,
            HiddenSize = reader.Int("hidden_size") ?? defaults.HiddenSize,
            IntermediateSize = reader.Int("intermediate_size") ?? defaults.IntermediateSize,
            NumHiddenLayers = reader.Int("num_hidden_layers") ?? defaults.NumHiddenLayers,
            NumAttentionHeads = reader.Int("num_attention_heads") ?? defaults.NumAttentionHeads,
            NumKeyValueHeads = reader.Int("num_key_value_heads") ?? reader.Int("num_attention_heads") ?? defaults.NumKeyValueHeads,
            ExplicitHeadDim = reader.Int("head_dim"),
            RmsNormEps = reader.Double("rms_norm_eps") ?? defaults.RmsNormEps,
            RopeTheta = reader.Double("rope_theta") ?? defaults.RopeTheta,
            RopeScaling = reader.RopeScaling("rope_scaling"),
            MaxPositionEmbeddings = reader.Int("max_position_embeddings") ?? defaults.MaxPositionEmbeddings,
            SlidingWindow = reader.Int("sliding_window"),
            TieWordEmbeddings = reader.Bool("tie_word_embeddings") ?? false,
            AttentionBias = reader.Bool("attention_bias") ?? false,
            MlpBias = reader.Bool("mlp_bias") ?? false,
            InitializerRange = reader.Double("initializer_range") ?? defaults.InitializerRange,
            BosTokenId = json.ContainsKey("bos_token_id") ? reader.Int("bos_token_id") : defaults.BosTokenId,
            EosTokenIds = json.ContainsKey("eos_token_id") ? reader.IntOrList("eos_token_id") : defaults.EosTokenIds,
            PadTokenId = reader.Int("pad_token_id"),
            TorchDType = reader.String("torch_dtype") ?? reader.String("dtype") ?? defaults.TorchDType,
            Tokenizer = reader.String("tokenizer"),
        };
        config.Validate(source);
        return config;
    }

    private void Validate(string source)
    {
        void Require(bool ok, string field, string why)
        {
            if (!ok) throw new ModelFormatException($"{source}: {field} {why}");
        }
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumAttentionHeads > 0, "num_attention_heads", "must be positive");
        Require(NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0,
            "num_key_value_heads", $"({NumKeyValueHeads}) must divide num_attention_heads ({NumAttentionHeads})");
        Require(ExplicitHeadDim is not null || HiddenSize % NumAttentionHeads == 0,
            "hidden_size", $"({HiddenSize}) must be a multiple of num_attention_heads ({NumAttentionHeads})");
        Require(HeadDim % 2 == 0, "head_dim", $"({HeadDim}) must be even for rotary embeddings");
        Require(RmsNormEps > 0, "rms_norm_eps", "must be positive");
        Require(RopeTheta > 0, "rope_theta", "must be positive");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings", "must be positive");
        Require(BosTokenId is null || (BosTokenId >= 0 && BosTokenId < VocabSize), "bos_token_id", $"must be in [0, vocab_size {VocabSize})");
        Require(EosTokenIds.All(id => id >= 0 && id < VocabSize), "eos_token_id", $"must be in [0, vocab_size {VocabSize})");
        Require(TorchDType is "float32" or "float16" or "bfloat16", "torch_dtype", $"'{TorchDType}' is not float32, float16 or bfloat16");
        Require(Tokenizer is null or "byte", "tokenizer", $"'{Tokenizer}' is not supported (the only generated tokenizer is \"byte\")");
    }

    /// <summary>The config.json Hugging Face transformers reads back (plus Samsara's "tokenizer" when set).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(ModelType == "mistral" ? "MistralForCausalLM" : "LlamaForCausalLM"),
            ["model_type"] = ModelType,
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["num_key_value_heads"] = NumKeyValueHeads,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["attention_bias"] = AttentionBias,
            ["mlp_bias"] = MlpBias,
            ["initializer_range"] = InitializerRange,
            ["bos_token_id"] = BosTokenId,
            ["eos_token_id"] = EosTokenIds.Count == 1 ? EosTokenIds[0] : new JsonArray(EosTokenIds.Select(i => (JsonNode?)i).ToArray()),
            ["pad_token_id"] = PadTokenId,
            ["torch_dtype"] = TorchDType,
        };
        if (ExplicitHeadDim is { } headDim) json["head_dim"] = headDim;
        if (SlidingWindow is { } window) json["sliding_window"] = window;
        if (RopeScaling is { } s)
            json["rope_scaling"] = new JsonObject
            {
                ["rope_type"] = s.Type, ["factor"] = s.Factor, ["low_freq_factor"] = s.LowFreqFactor,
                ["high_freq_factor"] = s.HighFreqFactor, ["original_max_position_embeddings"] = s.OriginalMaxPositionEmbeddings,
            };
        if (Tokenizer is not null) json["tokenizer"] = Tokenizer;
        return json;
    }
}
